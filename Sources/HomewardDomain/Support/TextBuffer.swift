/// A growing UTF-8 byte buffer for writing large text files quickly: numbers
/// are formatted straight into the buffer, without intermediate strings.
/// Produces exactly the same text as ``Format``.
package struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    package init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Text already in UTF-8 (a piece written on every line, worked out once).
    package mutating func append(utf8 text: [UInt8]) {
        bytes.append(contentsOf: text)
    }

    package mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    package mutating func append(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(UInt64(-value), minimum: 1)
        } else {
            appendDigits(UInt64(value), minimum: 1)
        }
    }

    /// Like `Format.fixed(value, decimals)`.
    package mutating func append(fixed value: Double, _ decimals: Int) {
        guard value.isFinite else {
            append(Format.fixed(value, decimals))
            return
        }
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else {
            append(Format.fixed(value, decimals))
            return
        }
        let whole = UInt64(scaled)
        if value < 0 && whole != 0 { bytes.append(UInt8(ascii: "-")) }
        appendDecimal(whole, decimals: decimals)
    }

    /// Like `Format.points(centipoints)`.
    package mutating func append(points centipoints: Int64) {
        if centipoints < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDecimal(centipoints.magnitude, decimals: 2)
    }

    private mutating func appendDecimal(_ scaled: UInt64, decimals: Int) {
        var divisor: UInt64 = 1
        for _ in 0..<decimals { divisor *= 10 }
        appendDigits(scaled / divisor, minimum: 1)
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(scaled % divisor, minimum: decimals)
        }
    }

    private mutating func appendDigits(_ value: UInt64, minimum: Int) {
        // The number of digits (division by the constant 10 is a multiplication), at least `minimum`.
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        count = max(count, minimum)
        // Zeros byte by byte (no intermediate collection), then the digits filled in from the last.
        for _ in 0..<count { bytes.append(UInt8(ascii: "0")) }
        var index = bytes.count - 1
        rest = value
        while rest > 0 {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
