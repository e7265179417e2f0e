/* ui.c — the meter, the status line and the JSON lines. */
#include "ui.h"

#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "disk.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"

#define METER_PERIOD (1.0 / 15)
#define STATUS_PERIOD 10.0
#define JSON_PERIOD 1.0
#define HOLD_SECONDS 2.0
#define FLOOR_DB (-60.0)

struct cap_ui {
	bool meter;
	bool json;
	double next_draw;
	double next_status;
	double next_json;
	double hold_db[CAP_LEVEL_CHANNELS];
	double hold_at[CAP_LEVEL_CHANNELS];
	struct cap_level_take lv;  /* the levels last shown */
};

/* The terminal as it was, for cap_ui_emergency_restore(). */
static struct termios saved_tio;
static volatile int tio_saved;

static const char leave_screen[] = "\033[?25h\033[?1049l";

void cap_ui_open(struct cap_ui **out, bool meter, bool json)
{
	struct cap_ui *ui = st_xcalloc(1, sizeof *ui);
	struct termios raw;

	ui->json = json;
	ui->meter = meter && !json && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (ui->meter && tcgetattr(STDIN_FILENO, &saved_tio) == 0) {
		raw = saved_tio;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 0;
		raw.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
		tio_saved = 1;
		fputs("\033[?1049h\033[?25l\033[2J", stdout);
		fflush(stdout);
	} else {
		ui->meter = false;
	}
	ui->next_status = st_now() + STATUS_PERIOD;
	*out = ui;
}

bool cap_ui_is_meter(const struct cap_ui *ui)
{
	return ui->meter;
}

static void clock_text(double s, char buf[16])
{
	int t = s < 0 ? 0 : s > 359999 ? 359999 : (int)s;   /* 99:59:59 at most */

	snprintf(buf, 16, "%02d:%02d:%02d", t / 3600 % 100, t / 60 % 60, t % 60);
}

/* A bar of WIDTH cells from FLOOR_DB to 0 dBFS: '#' up to the RMS, '=' up
 * to the peak, '|' at the hold. */
static void bar(char *out, int width, double rms, double peak, double hold)
{
	int r = (int)lround((rms - FLOOR_DB) / -FLOOR_DB * width);
	int p = (int)lround((peak - FLOOR_DB) / -FLOOR_DB * width);
	int h = (int)lround((hold - FLOOR_DB) / -FLOOR_DB * width);

	for (int i = 0; i < width; i++)
		out[i] = i < r ? '#' : i < p ? '=' : '.';
	if (h > 0 && h <= width)
		out[h - 1] = '|';
	out[width] = '\0';
}

static void update_holds(struct cap_ui *ui, const struct cap_level_take *lv, double now)
{
	for (int c = 0; c < lv->channels; c++) {
		if (lv->peak_db[c] >= ui->hold_db[c] || now - ui->hold_at[c] > HOLD_SECONDS ||
		    ui->hold_at[c] == 0) {
			ui->hold_db[c] = lv->peak_db[c];
			ui->hold_at[c] = now;
		}
	}
}

static void draw_channel(const struct cap_ui *ui, const struct cap_level_take *lv, int c,
			 int width)
{
	char b[64];

	bar(b, width, lv->rms_db[c], lv->peak_db[c], ui->hold_db[c]);
	printf("%2d %s %5.1f %5.1f %4lld", c + 1, b, fmax(lv->peak_db[c], -99.9),
	       fmax(lv->rms_db[c], -99.9), (long long)(lv->clips[c] > 9999 ? 9999 : lv->clips[c]));
}

static void draw_meter(struct cap_ui *ui, const struct cap_ui_state *s)
{
	const struct cap_level_take *lv = &ui->lv;
	bool two = lv->channels > 16;
	char el[16], left[16], bytes[16], room[16];

	clock_text(s->elapsed, el);
	clock_text(s->time_left, left);
	fputs("\033[H", stdout);
	printf("%s  %s  %s\033[K\n",
	       s->phase == CAP_PHASE_STANDBY ? _("STANDBY") : s->phase == CAP_PHASE_STARTING
							    ? _("STARTING")
							    : _("RECORDING"),
	       el, s->device);
	printf(two ? "%s\033[K\n" : "%s\033[K\n",
	       two ? _("ch peak/RMS dBFS, clips     ch peak/RMS dBFS, clips")
		   : _("ch level (-60..0 dBFS: # RMS, = peak, | hold)            peak   RMS clips"));
	for (int c = 0; c < lv->channels; c += two ? 2 : 1) {
		draw_channel(ui, lv, c, two ? 14 : 52);
		if (two && c + 1 < lv->channels) {
			fputs("  ", stdout);
			draw_channel(ui, lv, c + 1, 14);
		}
		fputs("\033[K\n", stdout);
	}
	printf("\033[K\n%s %s   %s %lld   %s %lld   %s %lld\033[K\n", _("written"),
	       cap_disk_human((double)s->bytes, bytes), _("dropped samples"),
	       (long long)s->dropped_samples, _("overflows"), (long long)s->overflows,
	       _("markers"), (long long)s->markers);
	printf("%s %s (%s %s)", _("free"), cap_disk_human((double)s->room, room), left,
	       _("left"));
	if (s->fps >= 0)
		printf("   %s %.1f   %s %lld", _("fps"), s->fps, _("dropped frames"),
		       (long long)s->dropped_frames);
	printf("\033[K\n%s\033[K\033[J", s->phase == CAP_PHASE_STANDBY
						  ? _("r or space: record (with the pre-roll)   q: leave")
						  : _("m: marker   q: stop"));
	fflush(stdout);
}

static void status_line(const struct cap_ui_state *s)
{
	char el[16], bytes[16], room[16], left[16];

	clock_text(s->elapsed, el);
	clock_text(s->time_left, left);
	st_info(_("recording %s, %s written, %lld samples dropped, %lld overflows, %lld frames dropped, %s free (%s left)"),
		el, cap_disk_human((double)s->bytes, bytes), (long long)s->dropped_samples,
		(long long)s->overflows, (long long)s->dropped_frames,
		cap_disk_human((double)s->room, room), left);
}

static void json_line(const struct cap_ui *ui, const struct cap_ui_state *s)
{
	printf("{\"elapsed\": %.3f, \"wall\": %.3f, \"bytes\": %lld, \"dropped_samples\": %lld, "
	       "\"overflows\": %lld, \"dropped_frames\": %lld, \"fps\": %.2f, \"free\": %lld, "
	       "\"time_left\": %.0f, \"markers\": %d, \"max_write_ms\": %.3f, "
	       "\"max_sync_ms\": %.3f, \"peak_db\": [",
	       s->elapsed, s->wall, (long long)s->bytes, (long long)s->dropped_samples,
	       (long long)s->overflows, (long long)s->dropped_frames, s->fps, (long long)s->room,
	       s->time_left, s->markers, s->max_write_s * 1e3, s->max_sync_s * 1e3);
	for (int c = 0; c < ui->lv.channels; c++)
		printf("%s%.1f", c ? ", " : "", ui->lv.peak_db[c]);
	printf("]}\n");
	fflush(stdout);
}

/* The levels since the last drawing; when no sound came in between (the
 * device delivers in larger blocks than one redraw), the last ones stay. */
static void take_levels(struct cap_ui *ui, struct cap_levels *l)
{
	struct cap_level_take t;

	cap_levels_take(l, &t);
	if (t.count > 0 || ui->lv.channels == 0)
		ui->lv = t;
}

void cap_ui_update(struct cap_ui *ui, const struct cap_ui_state *s)
{
	double now = st_now();

	if (ui->meter) {
		if (now < ui->next_draw)
			return;
		ui->next_draw = now + METER_PERIOD;
		take_levels(ui, s->levels);
		update_holds(ui, &ui->lv, now);
		draw_meter(ui, s);
		return;
	}
	if (ui->json && now >= ui->next_json) {
		ui->next_json = now + JSON_PERIOD;
		take_levels(ui, s->levels);
		json_line(ui, s);
	}
	if (!ui->json && now >= ui->next_status && s->phase != CAP_PHASE_STANDBY) {
		ui->next_status = now + STATUS_PERIOD;
		status_line(s);
	}
}

enum cap_key cap_ui_key(struct cap_ui *ui)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	char c;

	if (!ui->meter)
		return CAP_KEY_NONE;
	while (poll(&p, 1, 0) == 1 && read(STDIN_FILENO, &c, 1) == 1) {
		if (c == 'm' || c == 'M')
			return CAP_KEY_MARKER;
		if (c == 'q' || c == 'Q')
			return CAP_KEY_QUIT;
		if (c == 'r' || c == 'R' || c == ' ')
			return CAP_KEY_START;
	}
	return CAP_KEY_NONE;
}

void cap_ui_emergency_restore(void)
{
	if (!tio_saved)
		return;
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	if (write(STDOUT_FILENO, leave_screen, sizeof leave_screen - 1) < 0)
		return;
}

void cap_ui_close(struct cap_ui **uip)
{
	struct cap_ui *ui = *uip;

	if (!ui)
		return;
	if (ui->meter) {
		fputs(leave_screen, stdout);
		fflush(stdout);
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
		tio_saved = 0;
	}
	free(ui);
	*uip = NULL;
}
