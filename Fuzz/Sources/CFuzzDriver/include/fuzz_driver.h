#ifndef HOMEWARD_FUZZ_DRIVER_H
#define HOMEWARD_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Whether libFuzzer is linked in (the binary was built with -sanitize=fuzzer).
int homeward_fuzz_has_libfuzzer(void);

/// Runs libFuzzer's driver with the command line and the per-input callback;
/// returns -1 if libFuzzer is not linked in.
int homeward_fuzz_run_driver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
