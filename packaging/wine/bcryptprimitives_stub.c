/*
 * A stand-in for Windows' own bcryptprimitives.dll, for the Wine lane only
 * (scripts/build_windows_wine.sh).
 *
 * Rust 1.78 and later take random bytes from ProcessPrng in bcryptprimitives.dll, which every
 * Windows 10 carries; Wine 8 has no such DLL, so a Rust extension such as pydantic_core's
 * _pydantic_core.pyd (the settings schema) fails to load with "DLL load failed … Module not
 * found". ProcessPrng here hands the request to RtlGenRandom (advapi32's SystemFunction036),
 * Windows' documented source of cryptographically strong random bytes, which Wine has.
 *
 * It goes into the Wine prefix's system32, never into the bundle or the installer: on a real
 * Windows the system's bcryptprimitives.dll is used. Build (Debian: gcc-mingw-w64-x86-64-win32):
 *     x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll bcryptprimitives_stub.c -ladvapi32
 * The exported name is the one _pydantic_core.pyd imports (objdump -p: ProcessPrng only).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
