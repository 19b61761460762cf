import CFuzzerDriver
import Foundation

// SwiftPM gives every executable its own `main`, so libFuzzer's is not used: its driver is
// called here instead, with the same options (`-max_total_time=`, a corpus folder...).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    guard let data else { return 0 }
    return fuzzOneInput(data, size)
})
