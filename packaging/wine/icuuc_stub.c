/*
 * A stand-in for Windows' own icuuc.dll, for the Wine lane only (scripts/build_windows_wine.sh).
 *
 * Qt 6.10 and later (PySide6 >= 6.10) link Qt6Core.dll against the ICU that Windows 10
 * (1703 and later) carries as C:\Windows\System32\icuuc.dll; Wine 8 has no such DLL, so
 * Qt6Core.dll does not load at all. Qt uses these functions only for QStringConverter's
 * legacy code pages (UTF-8/16/32 and Latin-1 are Qt's own). This stub opens no converter:
 * ucnv_open() fails with U_FILE_ACCESS_ERROR and no converter is available, which Qt
 * handles as "encoding not supported". The HMI only uses UTF-8.
 *
 * It goes into the Wine prefix's system32, never into the bundle or the installer: on a
 * real Windows the system's icuuc.dll is used. Build (Debian: gcc-mingw-w64-x86-64-win32):
 *     x86_64-w64-mingw32-gcc -shared -O2 -s -o icuuc.dll icuuc_stub.c
 * The exported names are the ones Qt6Core.dll 6.11 imports (objdump -p Qt6Core.dll).
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)

typedef int32_t UErrorCode;
typedef uint16_t UChar;
typedef void UConverter;
typedef void (*UConverterCallback)(void);

enum { U_ZERO_ERROR = 0, U_FILE_ACCESS_ERROR = 4 };

static void fail(UErrorCode *err) {
    if (err != NULL && *err <= U_ZERO_ERROR) {
        *err = U_FILE_ACCESS_ERROR;
    }
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) {
    (void)name;
    fail(err);
    return NULL;
}
EXPORT void ucnv_close(UConverter *cnv) { (void)cnv; }
EXPORT void ucnv_reset(UConverter *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *cnv) {
    (void)cnv;
    return 1;
}
EXPORT const char *ucnv_getName(const UConverter *cnv, UErrorCode *err) {
    (void)cnv;
    fail(err);
    return NULL;
}
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err) {
    (void)name;
    (void)standard;
    fail(err);
    return NULL;
}
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) {
    (void)n;
    return NULL;
}
EXPORT void ucnv_getToUCallBack(const UConverter *cnv, UConverterCallback *action,
                                const void **context) {
    (void)cnv;
    if (action != NULL) *action = NULL;
    if (context != NULL) *context = NULL;
}
EXPORT void ucnv_getFromUCallBack(const UConverter *cnv, UConverterCallback *action,
                                  const void **context) {
    ucnv_getToUCallBack(cnv, action, context);
}
EXPORT void ucnv_setToUCallBack(UConverter *cnv, UConverterCallback action, const void *context,
                                UConverterCallback *old_action, const void **old_context,
                                UErrorCode *err) {
    (void)action;
    (void)context;
    ucnv_getToUCallBack(cnv, old_action, old_context);
    fail(err);
}
EXPORT void ucnv_setFromUCallBack(UConverter *cnv, UConverterCallback action, const void *context,
                                  UConverterCallback *old_action, const void **old_context,
                                  UErrorCode *err) {
    ucnv_setToUCallBack(cnv, action, context, old_action, old_context, err);
}
EXPORT void ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *target_limit,
                           const char **source, const char *source_limit, int32_t *offsets,
                           int8_t flush, UErrorCode *err) {
    (void)cnv, (void)target, (void)target_limit, (void)source, (void)source_limit;
    (void)offsets, (void)flush;
    fail(err);
}
EXPORT void ucnv_fromUnicode(UConverter *cnv, char **target, const char *target_limit,
                             const UChar **source, const UChar *source_limit, int32_t *offsets,
                             int8_t flush, UErrorCode *err) {
    (void)cnv, (void)target, (void)target_limit, (void)source, (void)source_limit;
    (void)offsets, (void)flush;
    fail(err);
}
EXPORT int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *err) {
    (void)cnv;
    fail(err);
    return 0;
}
EXPORT int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *err) {
    (void)cnv;
    fail(err);
    return 0;
}
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length,
                                  int32_t offset_index, UErrorCode *err) {
    (void)args, (void)source, (void)length, (void)offset_index;
    fail(err);
}
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *source_limit,
                                    int32_t offset_index, UErrorCode *err) {
    (void)args, (void)source, (void)source_limit, (void)offset_index;
    fail(err);
}
/* Qt passes these as callback pointers; with no converter they are never called. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
