// libxml2 is built with ICU, and encoding.h then includes the system's <unicode/ucnv.h>, whose
// `enum UErrorCode` clashes with Foundation's own copy of ICU in any Swift module that imports
// both. Swift code never touches the ICU members of xmlCharEncodingHandler (only pointers to it),
// so the ICU branch is switched off here, after xmlversion.h has defined it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
