#include "fuzz_driver.h"

// Defined by libFuzzer (libclang_rt.fuzzer) when linked with -sanitize=fuzzer.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size))
    __attribute__((weak));

int homeward_fuzz_has_libfuzzer(void) {
    return LLVMFuzzerRunDriver != 0;
}

int homeward_fuzz_run_driver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size)) {
    if (!LLVMFuzzerRunDriver) return -1;
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
