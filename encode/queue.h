/* queue.h — a bounded FIFO of decoded frames from the decoding thread to
 * one rendition's thread.  The frames are references to the decoder's
 * buffers (av_frame_ref), so a queue costs its depth in frames at most and
 * memory stays flat however long the master is. */
#ifndef ENC_QUEUE_H
#define ENC_QUEUE_H

#include <pthread.h>
#include <stdbool.h>
#include <libavutil/frame.h>

#define ENC_QUEUE_DEPTH 8

struct enc_queue {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	AVFrame *frame[ENC_QUEUE_DEPTH];
	int lane[ENC_QUEUE_DEPTH];
	int head, count;
	bool closed;     /* no more frames will come */
	bool aborted;    /* the consumer gave up, or the run is interrupted */
};

int enc_queue_init(struct enc_queue *q);
void enc_queue_destroy(struct enc_queue *q);   /* frees frames still queued */

/* Takes ownership of FRAME (of LANE), waiting while the queue is full.
 * Returns false, freeing FRAME, once the queue is aborted. */
bool enc_queue_push(struct enc_queue *q, AVFrame *frame, int lane);

#define ENC_QUEUE_CLOSED (-1)
#define ENC_QUEUE_ABORTED (-2)

/* Waits for the next frame; NULL once the queue is closed and empty, or
 * aborted, with *LANE set to ENC_QUEUE_CLOSED or ENC_QUEUE_ABORTED.  The
 * caller owns the frame. */
AVFrame *enc_queue_pop(struct enc_queue *q, int *lane);

void enc_queue_close(struct enc_queue *q);
void enc_queue_abort(struct enc_queue *q);

#endif
