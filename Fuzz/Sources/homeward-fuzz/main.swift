import CFuzzDriver
import Foundation
import HomewardFuzzTargets

// Built with `-sanitize=fuzzer`, this is a libFuzzer binary: every libFuzzer
// option works (`-runs=N`, `-max_total_time=S`, `-dict=FILE`, corpus folders,
// or files to replay). Built without it, the same options drive a
// deterministic mutator (SplitMix64) over the corpus, so the harness runs
// with any Swift toolchain.

Fuzz.prepare()
Fuzz.verbose = ProcessInfo.processInfo.environment["HOMEWARD_FUZZ_VERBOSE"] == "1"

// `--write-seeds DIR`: write the seeds built from the fixtures into DIR, and stop.
if let flag = CommandLine.arguments.firstIndex(of: "--write-seeds"), flag + 1 < CommandLine.arguments.count {
    let directory = CommandLine.arguments[flag + 1]
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for seed in Fuzz.fixtureSeeds() {
        FileManager.default.createFile(atPath: (directory as NSString).appendingPathComponent(seed.name), contents: Data(seed.bytes))
    }
    exit(0)
}

let callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, size in
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    Fuzz.run(bytes)
    return 0
}

atexit {
    FileHandle.standardError.write(Data(("homeward-fuzz: " + Fuzz.statistics.summary + "\n").utf8))
}

if homeward_fuzz_has_libfuzzer() != 0 {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(homeward_fuzz_run_driver(&argc, &argv, callback))
}

exit(Mutator.main(Array(CommandLine.arguments.dropFirst())))
