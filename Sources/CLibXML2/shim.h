#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU; its <unicode/*.h> headers clash with Foundation's own
// ICU module (UErrorCode defined twice). Nothing here uses libxml2's ICU converters.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
