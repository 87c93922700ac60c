// The entry point of ctg-fuzz. SwiftPM links an executable target with `main` defined as
// `<module>_main`, so libFuzzer's own `main` is not used: this one hands libFuzzer the
// arguments and the Swift entry (FuzzMain.swift), as libFuzzer's `main` would.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

int ctg_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
