/* xmlcompat.h — the one place where the expat versions we build against
 * differ: 2.5 (Debian 12) and 2.9 (Debian 13's stable update), as
 * avcompat.h is for FFmpeg. */
#ifndef STUDIO_XMLCOMPAT_H
#define STUDIO_XMLCOMPAT_H

#include <stdint.h>

#include <expat.h>

#define ST_EXPAT_VERSION (XML_MAJOR_VERSION * 10000 + XML_MINOR_VERSION * 100 + XML_MICRO_VERSION)

/* The line the parser is at (for error messages): expat 2.9.0 added the
 * 64-bit call and deprecated the XML_Size one. */
static inline uint64_t st_xml_line(XML_Parser p)
{
#if ST_EXPAT_VERSION >= 20900
	return XML_GetCurrentLineNumber64(p);
#else
	return XML_GetCurrentLineNumber(p);
#endif
}

#endif
