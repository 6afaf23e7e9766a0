/// Locale-free number formatting, so that reports are byte-identical everywhere.
public enum Format {
    /// `value` rounded half away from zero to `decimals` places, e.g. `fixed(2.345, 2) == "2.35"`.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        precondition(decimals >= 0 && decimals <= 9, "0 to 9 decimals")
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(value) }
        let whole = Int64(scaled)
        let negative = value < 0 && whole != 0
        var digits = String(whole)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            let split = digits.index(digits.endIndex, offsetBy: -decimals)
            digits = digits[..<split] + "." + digits[split...]
        }
        return negative ? "-" + digits : digits
    }

    /// An integer with thousands separators, e.g. `grouped(88000) == "88,000"`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude) // not abs(): abs(Int.min) traps
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// A share as a percentage with `decimals` places, e.g. `percent(0.1234, 1) == "12.3%"`.
    public static func percent(_ share: Double, _ decimals: Int = 1) -> String {
        fixed(share * 100, decimals) + "%"
    }

    /// Centipoints (the model's integer cost unit) as points with two decimals.
    public static func points(_ centipoints: Int64) -> String {
        let negative = centipoints < 0
        let magnitude = centipoints.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        return (negative ? "-" : "") + String(whole) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
