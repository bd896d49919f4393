/* bcryptprimitives.dll for Wine 8.0, which lacks ProcessPrng: Rust's standard library imports
 * it for random numbers (hash map seeds, temporary file names). This one export fills the
 * buffer from RtlGenRandom (SystemFunction036), which Wine has. Built by tests/windows/run and
 * placed beside speckit.exe; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
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
