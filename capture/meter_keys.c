/* meter_keys.c — see meter_keys.h. */
#include "meter_keys.h"

#include "stop.h"

void cap_meter_keys(struct cap_ui *ui, struct cap_marking *mk, double t)
{
	enum cap_key k;

	while ((k = cap_ui_key(ui)) != CAP_KEY_NONE) {
		switch (k) {
		case CAP_KEY_MARKER:
			if (mk->markers)
				cap_markers_drop(mk->markers, mk->dir, t, NULL);
			break;
		case CAP_KEY_NAME_START:
			mk->pending = true;
			mk->pending_t = t;
			break;
		case CAP_KEY_NAME_DONE:
			if (mk->pending && mk->markers)
				cap_markers_drop(mk->markers, mk->dir, mk->pending_t, cap_ui_name(ui));
			mk->pending = false;
			break;
		case CAP_KEY_NAME_CANCEL:
			mk->pending = false;
			break;
		case CAP_KEY_QUIT:
			cap_stop_request();
			return;
		case CAP_KEY_START:
			mk->start = true;
			return;
		case CAP_KEY_NONE:
			break;
		}
	}
}

void cap_meter_keys_end(struct cap_ui *ui, struct cap_marking *mk)
{
	if (mk->pending && mk->markers)
		cap_markers_drop(mk->markers, mk->dir, mk->pending_t, cap_ui_name(ui));
	mk->pending = false;
}
