import GLPKShim
import Logging

/// Routes GLPK's terminal output to swift-log (label `homeward.glpk`), never to stdout.
enum GLPKLog {
    /// Installs the terminal callback for the calling thread (cheap; idempotent).
    static func install() {
        hw_glp_set_terminal_callback(glpkTerminalOutput)
    }
}

private let logger = Logger(label: "homeward.glpk")

/// Called by GLPK (through the shim) with each piece of terminal output.
/// Returns 1 so that GLPK prints nothing itself.
private func glpkTerminalOutput(_ text: UnsafePointer<CChar>?) -> Int32 {
    guard let text else { return 1 }
    var line = Substring(String(cString: text))
    while let last = line.last, last.isNewline { line.removeLast() }
    if !line.isEmpty {
        logger.debug("\(line)")
    }
    return 1
}
