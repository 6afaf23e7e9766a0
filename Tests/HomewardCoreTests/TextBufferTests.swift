@testable import HomewardDomain
import Testing

@Suite("Text buffer")
struct TextBufferTests {
    /// Numbers written straight into the buffer read exactly as ``Format`` writes them: whole numbers, fixed
    /// decimals (with the zeros after the point) and points, across the lengths of their digits.
    @Test func numbersReadAsFormatWritesThem() {
        var wholes: [Int] = [0, 1, 9, 10, 99, 100, 101, 1_000, 65_535, 88_004, Int(Int32.max), Int.max, -1, -10, -1_234]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            wholes += [power - 1, power, power + 1, -power]
        }
        for value in wholes {
            var buffer = TextBuffer(capacity: 0)
            buffer.append(value)
            #expect(buffer.text == String(value))
        }
        let decimals: [Double] = [0, 0.04, 0.05, 0.5, 1, 1.05, 9.95, 10, 12.345, 99.999, 100.01, 1_234.5, 87_654.321, -0.04, -3.25, -1_000.5]
        for value in decimals {
            for places in 0...3 {
                var buffer = TextBuffer(capacity: 0)
                buffer.append(fixed: value, places)
                #expect(buffer.text == Format.fixed(value, places), "\(value) to \(places) places")
            }
        }
        let points: [Int64] = [0, 1, 9, 10, 99, 100, 101, 1_000, 123_456, 1_000_000_007, -1, -99, -100, -123_456, Int64.max]
        for value in points {
            var buffer = TextBuffer(capacity: 0)
            buffer.append(points: value)
            #expect(buffer.text == Format.points(value))
        }
    }
}
