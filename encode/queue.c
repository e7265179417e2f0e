/* queue.c — see queue.h. */
#include "msg.h"
#include "queue.h"
#include "status.h"

int enc_queue_init(struct enc_queue *q)
{
	*q = (struct enc_queue){0};
	if (pthread_mutex_init(&q->lock, NULL))
		return ST_OSERR;
	if (pthread_cond_init(&q->changed, NULL)) {
		pthread_mutex_destroy(&q->lock);
		return ST_OSERR;
	}
	return ST_OK;
}

void enc_queue_destroy(struct enc_queue *q)
{
	while (q->count > 0) {
		av_frame_free(&q->frame[q->head]);
		q->head = (q->head + 1) % ENC_QUEUE_DEPTH;
		q->count--;
	}
	pthread_cond_destroy(&q->changed);
	pthread_mutex_destroy(&q->lock);
}

bool enc_queue_push(struct enc_queue *q, AVFrame *frame, int lane)
{
	bool ok;

	pthread_mutex_lock(&q->lock);
	while (q->count == ENC_QUEUE_DEPTH && !q->aborted)
		pthread_cond_wait(&q->changed, &q->lock);
	ok = !q->aborted;
	if (ok) {
		int tail = (q->head + q->count) % ENC_QUEUE_DEPTH;

		q->frame[tail] = frame;
		q->lane[tail] = lane;
		q->count++;
		pthread_cond_broadcast(&q->changed);
	}
	pthread_mutex_unlock(&q->lock);
	if (!ok)
		av_frame_free(&frame);
	return ok;
}

AVFrame *enc_queue_pop(struct enc_queue *q, int *lane)
{
	AVFrame *f = NULL;

	pthread_mutex_lock(&q->lock);
	while (q->count == 0 && !q->closed && !q->aborted)
		pthread_cond_wait(&q->changed, &q->lock);
	*lane = q->aborted ? ENC_QUEUE_ABORTED : ENC_QUEUE_CLOSED;
	if (q->count > 0 && !q->aborted) {
		f = q->frame[q->head];
		*lane = q->lane[q->head];
		q->frame[q->head] = NULL;
		q->head = (q->head + 1) % ENC_QUEUE_DEPTH;
		q->count--;
		pthread_cond_broadcast(&q->changed);
	}
	pthread_mutex_unlock(&q->lock);
	return f;
}

static void set_flag(struct enc_queue *q, bool *flag)
{
	pthread_mutex_lock(&q->lock);
	*flag = true;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

void enc_queue_close(struct enc_queue *q)
{
	set_flag(q, &q->closed);
}

void enc_queue_abort(struct enc_queue *q)
{
	set_flag(q, &q->aborted);
}
