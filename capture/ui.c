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
#include "human.h"
#include "markname.h"
#include "msg.h"
#include "paths.h"
#include "progress.h"

#define METER_PERIOD (1.0 / 15)
#define STATUS_PERIOD 10.0
#define JSON_PERIOD 1.0
#define HOLD_SECONDS 2.0
#define FLOOR_DB (-60.0)
#define COLS 80
#define ROWS 24
#define SHOWN_MARKERS 3

struct cap_ui {
	bool meter;
	bool json;
	double next_draw;
	double next_status;
	double next_json;
	double hold_db[CAP_LEVEL_CHANNELS];
	double hold_at[CAP_LEVEL_CHANNELS];
	struct cap_level_take lv;  /* the levels last shown */
	enum cap_ui_phase phase;   /* the last state's: the keys depend on it */
	bool naming;               /* a marker's name is being typed */
	int next_byte;             /* a byte read but not handled yet; -1: none */
	struct cap_name_field name;
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
	ui->next_byte = -1;
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

/* V as lib/human writes it (the user's decimal comma or point, thousands
 * grouped: "9 999" in French, with a narrow no-break space of 3 bytes and
 * one column), right-aligned on WIDTH columns: printf's widths count bytes. */
static void print_hnum(double v, int decimals, int width)
{
	char n[ST_HUMAN_LEN], fit[ST_HUMAN_LEN];
	int w;

	st_hnum(n, sizeof n, v, decimals);
	w = cap_text_fit(n, width, false, fit, sizeof fit);
	printf("%*s%s", width - w, "", fit);
}

/* A count with its thousands grouped, as the user writes it. */
static const char *count_text(long long n, char buf[ST_HUMAN_LEN])
{
	return st_hnum(buf, ST_HUMAN_LEN, (double)n, 0);
}

/* "ch bar peak RMS clips": the levels on 5 columns ("-99.9", "-99,9"), the
 * clips on 5 (up to "9 999" in French, grouped; more shows as 9999). */
static void draw_channel(const struct cap_ui *ui, const struct cap_level_take *lv, int c,
			 int width)
{
	char b[64];

	bar(b, width, lv->rms_db[c], lv->peak_db[c], ui->hold_db[c]);
	printf("%2d %s ", c + 1, b);
	print_hnum(fmax(lv->peak_db[c], -99.9), 1, 5);
	putchar(' ');
	print_hnum(fmax(lv->rms_db[c], -99.9), 1, 5);
	putchar(' ');
	print_hnum((double)(lv->clips[c] > 9999 ? 9999 : lv->clips[c]), 0, 5);
}

/* "00:01:12", or "00:01:12 / 00:05:00" with a target. */
static void times_text(const struct cap_ui_state *s, char buf[40])
{
	char el[16], target[16];

	clock_text(s->elapsed, el);
	clock_text(s->target, target);
	if (s->target > 0)
		snprintf(buf, 40, "%s / %s", el, target);
	else
		snprintf(buf, 40, "%s", el);
}

static const char *phase_text(enum cap_ui_phase phase)
{
	switch (phase) {
	case CAP_PHASE_STANDBY:
		return _("STANDBY");
	case CAP_PHASE_STARTING:
		return _("STARTING");
	case CAP_PHASE_RECORDING:
		break;
	}
	return _("RECORDING");
}

/* LINE as one row, cut at COLS columns: a longer one would wrap and push
 * the rows below off the 24. */
static void put_row(const char *line)
{
	char fit[COLS * 4 + 1];

	cap_text_fit(line, COLS, false, fit, sizeof fit);
	printf("%s\033[K\n", fit);
}

/* Row 1: what (the phase), how long, from where, which session. */
static void draw_heading(const struct cap_ui_state *s)
{
	char times[40], line[COLS * 4 + 1];

	times_text(s, times);
	snprintf(line, sizeof line, "%s  %s  %s%s%s", phase_text(s->phase),
		 times, s->device ? s->device : "", s->title && *s->title ? "  — " : "",
		 s->title ? s->title : "");
	put_row(line);
}

/* One row per marker, the last SHOWN_MARKERS at most (ROOM rows). */
static void draw_markers(const struct cap_markers *m, int room)
{
	char t[16], line[COLS * 4 + 1];
	int n = m ? m->n : 0;

	for (int i = n - (room < n ? room : n); i < n; i++) {
		clock_text(m->t[i], t);
		snprintf(line, sizeof line, "#%-3d %s  %s", i + 1, t,
			 cap_markers_named(m, i) ? m->label[i] : "");
		put_row(line);
	}
}

/* The last row: the keys, or the name being typed (its end when long). */
static void draw_keys(const struct cap_ui *ui)
{
	const char *prompt = _("marker name:"), *hint = _("Enter: save   Esc: cancel");
	char fit[COLS * 4 + 1], p[COLS * 4 + 1], h[COLS * 4 + 1];
	int pw, hw, tw;

	if (!ui->naming) {
		cap_text_fit(ui->phase == CAP_PHASE_STANDBY
				     ? _("r or space: record (with the pre-roll)   q: leave")
				     : _("m: marker   M: named marker   q: stop"),
			     COLS, false, fit, sizeof fit);
		printf("%s\033[K\033[J", fit);
		return;
	}
	pw = cap_text_fit(prompt, COLS / 4, false, p, sizeof p);
	hw = cap_text_fit(hint, COLS / 2, false, h, sizeof h);
	tw = cap_text_fit(ui->name.text, COLS - pw - hw - 4, true, fit, sizeof fit);
	printf("%s %s_%*s%s\033[K\033[J", p, fit, COLS - pw - tw - hw - 2, "", h);
}

/* Bytes written, drops, markers, in the user's numbers. */
static void draw_written(const struct cap_ui_state *s)
{
	char line[COLS * 4 + 1], bytes[16], n1[ST_HUMAN_LEN], n2[ST_HUMAN_LEN], n3[ST_HUMAN_LEN];

	snprintf(line, sizeof line, "%s %s   %s %s   %s %s   %s %s", _("written"),
		 cap_disk_human((double)s->bytes, bytes), _("dropped samples"),
		 count_text(s->dropped_samples, n1), _("overflows"), count_text(s->overflows, n2),
		 _("markers"), count_text(s->markers ? s->markers->n : 0, n3));
	put_row(line);
}

/* Free space, time left, pictures per second and dropped frames. */
static void draw_room(const struct cap_ui_state *s)
{
	char room[16], clock[16], left[COLS * 2], fps[COLS * 2];
	char line[64 + sizeof room + sizeof left + sizeof fps];   /* all of it: put_row cuts */
	char n1[ST_HUMAN_LEN], n2[ST_HUMAN_LEN];

	left[0] = fps[0] = '\0';
	if (s->time_left >= 0) {   /* unknown until the rate is: nothing rather than 00:00:00 */
		clock_text(s->time_left, clock);
		snprintf(left, sizeof left, " (%s %s)", clock, _("left"));
	}
	if (s->fps >= 0)
		snprintf(fps, sizeof fps, "   %s %s   %s %s", _("fps"),
			 st_hnum(n1, sizeof n1, s->fps, 1), _("dropped frames"),
			 count_text(s->dropped_frames, n2));
	/* Unknown in standby, where the session folder may not exist yet. */
	snprintf(line, sizeof line, "%s %s%s%s", _("free"),
		 s->room >= 0 ? cap_disk_human((double)s->room, room) : "…", left, fps);
	put_row(line);
}

/* The rows: heading, column titles, channels, [blank], markers, written,
 * free, keys: at most ROWS (32 channels take 16 rows, two per row). */
static void draw_meter(struct cap_ui *ui, const struct cap_ui_state *s)
{
	const struct cap_level_take *lv = &ui->lv;
	bool two = lv->channels > 16;
	int rows = two ? (lv->channels + 1) / 2 : lv->channels;
	int marks = s->markers ? s->markers->n : 0;

	if (marks > SHOWN_MARKERS)
		marks = SHOWN_MARKERS;
	if (marks > ROWS - 5 - rows)
		marks = ROWS - 5 - rows > 0 ? ROWS - 5 - rows : 0;
	fputs("\033[H", stdout);
	draw_heading(s);
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
	if (2 + rows + marks + 3 < ROWS)
		fputs("\033[K\n", stdout);
	draw_markers(s->markers, marks);
	draw_written(s);
	draw_room(s);
	draw_keys(ui);
	fflush(stdout);
}

static void status_line(const struct cap_ui_state *s)
{
	char el[16], bytes[16], room[16], left[16];
	char samples[ST_HUMAN_LEN], overflows[ST_HUMAN_LEN], frames[ST_HUMAN_LEN];

	clock_text(s->elapsed, el);
	clock_text(s->time_left, left);   /* known by the first line, 10 s in */
	st_info(_("recording %s, %s written, %s samples dropped, %s overflows, %s frames dropped, %s free (%s left)"),
		el, cap_disk_human((double)s->bytes, bytes),
		st_hnum(samples, sizeof samples, (double)s->dropped_samples, 0),
		st_hnum(overflows, sizeof overflows, (double)s->overflows, 0),
		st_hnum(frames, sizeof frames, (double)s->dropped_frames, 0),
		cap_disk_human((double)s->room, room), left);
}

static void json_line(const struct cap_ui *ui, const struct cap_ui_state *s)
{
	printf("{\"elapsed\": %.3f, \"wall\": %.3f, \"bytes\": %lld, \"dropped_samples\": %lld, "
	       "\"overflows\": %lld, \"dropped_frames\": %lld, \"fps\": %.2f, \"free\": %lld, "
	       "\"time_left\": %.0f, \"markers\": %d, \"max_write_ms\": %.3f, "
	       "\"max_sync_ms\": %.3f, \"peak_db\": [",
	       s->elapsed, s->wall, (long long)s->bytes, (long long)s->dropped_samples,
	       (long long)s->overflows, (long long)s->dropped_frames, s->fps,
	       (long long)(s->room > 0 ? s->room : 0), fmax(s->time_left, 0),
	       s->markers ? s->markers->n : 0, s->max_write_s * 1e3, s->max_sync_s * 1e3);
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

	if (!l)
		return;   /* no sound to show */
	cap_levels_take(l, &t);
	if (t.count > 0 || ui->lv.channels == 0)
		ui->lv = t;
}

void cap_ui_update(struct cap_ui *ui, const struct cap_ui_state *s)
{
	double now = st_now();

	ui->phase = s->phase;
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

/* The bytes of a name being typed, until it ends. */
static enum cap_key name_key(struct cap_ui *ui, unsigned char c)
{
	switch (cap_name_feed(&ui->name, c)) {
	case CAP_NAME_DONE:
		ui->naming = false;
		return CAP_KEY_NAME_DONE;
	case CAP_NAME_CANCEL:
		ui->naming = false;
		ui->next_byte = c;   /* a key of its own: cap_name_feed() */
		return CAP_KEY_NAME_CANCEL;
	case CAP_NAME_TYPING:
		break;
	}
	return CAP_KEY_NONE;
}

/* In standby (nothing is recorded yet, so no marker): r or space starts,
 * q leaves. */
static enum cap_key standby_key(unsigned char c)
{
	switch (c) {
	case 'r':
	case 'R':
	case ' ':
		return CAP_KEY_START;
	case 'q':
	case 'Q':
		return CAP_KEY_QUIT;
	default:
		return CAP_KEY_NONE;
	}
}

static enum cap_key command_key(struct cap_ui *ui, unsigned char c)
{
	if (ui->phase == CAP_PHASE_STANDBY)
		return standby_key(c);
	switch (c) {
	case 'm':
		return CAP_KEY_MARKER;
	case 'M':
		ui->naming = true;
		cap_name_start(&ui->name);
		return CAP_KEY_NAME_START;
	case 'q':
	case 'Q':
		return CAP_KEY_QUIT;
	default:
		return CAP_KEY_NONE;
	}
}

enum cap_key cap_ui_key(struct cap_ui *ui)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	unsigned char c;
	enum cap_key k;

	if (!ui->meter)
		return CAP_KEY_NONE;
	if (ui->next_byte >= 0) {
		c = (unsigned char)ui->next_byte;
		ui->next_byte = -1;
		if ((k = command_key(ui, c)) != CAP_KEY_NONE)
			return k;
	}
	while (poll(&p, 1, 0) == 1 && read(STDIN_FILENO, &c, 1) == 1) {
		k = ui->naming ? name_key(ui, c) : command_key(ui, c);
		if (k != CAP_KEY_NONE)
			return k;
	}
	if (ui->naming && cap_name_idle(&ui->name) == CAP_NAME_CANCEL) {
		ui->naming = false;
		return CAP_KEY_NAME_CANCEL;
	}
	return CAP_KEY_NONE;
}

const char *cap_ui_name(const struct cap_ui *ui)
{
	return ui->name.text;
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
