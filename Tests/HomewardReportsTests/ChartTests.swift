import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HomewardCore
@testable import HomewardReports
import Testing

@Suite("SVG charts")
struct ChartTests {
    /// Parses `svg` as XML; returns the parser error, if any.
    static func parseError(_ svg: String) -> String? {
        let parser = XMLParser(data: Data(svg.utf8))
        return parser.parse() ? nil : "\(String(describing: parser.parserError)) at line \(parser.lineNumber)"
    }

    static let hostile = "Men & \"women\" <script>alert('x')</script> \u{1}"

    static var charts: [(String, String)] {
        [
            ("histogram", SVGChart.histogram(title: hostile, description: hostile,
                                             samples: [.init(name: hostile, values: [1, 12, 12, 55, 250]), .init(name: "After", values: [3, 4])],
                                             binWidth: 10, cap: 200, xAxisLabel: hostile, yAxisLabel: "People")),
            ("bars", SVGChart.barChart(title: hostile, description: "d", categories: [hostile, "Women"],
                                       series: [.init(name: "Before", values: [0.5, nil]), .init(name: hostile, values: [0.25, 0.75])],
                                       valueFormat: .percent())),
            ("line", SVGChart.lineChart(title: "t", description: "d", xLabels: ["1", "2", "3"],
                                        series: [.init(name: hostile, values: [1, nil, 3])], yAxisLabel: hostile)),
            ("map", SVGChart.map(title: hostile, description: "d",
                                 outline: [OutlineRing(part: "coast", points: [.init(latitude: 51, longitude: -3), .init(latitude: 53, longitude: -1),
                                                                              .init(latitude: 51, longitude: 0)])],
                                 places: [.init(name: hostile, latitude: 52, longitude: -1, kind: .changed),
                                          .init(name: "B", latitude: 53, longitude: -2, kind: .unchanged)],
                                 flows: [.init(fromLatitude: 52, fromLongitude: -1, toLatitude: 53, toLongitude: -2, count: 7)])),
        ]
    }

    @Test func everyChartIsWellFormedAccessibleAndEscapesText() {
        for (name, svg) in Self.charts {
            #expect(Self.parseError(svg) == nil, "\(name): \(Self.parseError(svg) ?? "")")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(name)")
            #expect(svg.contains("role=\"img\"") && svg.contains("aria-label=") && svg.contains("<title>") && svg.contains("<desc"), "\(name)")
            #expect(!svg.contains("<script"), "\(name) let markup through")
            #expect(svg.contains("&lt;script&gt;") || name == "line", "\(name) dropped the text instead of escaping it")
            #expect(!svg.contains("\u{1}"), "\(name) kept a control character")
            let urls = svg.matches(of: /https?:\/\/[^"]+/).map { String($0.output) }
            #expect(urls == ["http://www.w3.org/2000/svg"], "\(name): \(urls)")
        }
    }

    /// Two renders in one process: this catches state kept between renders (a counter, a cache, a random
    /// number), but not an order that depends on hashing. Swift seeds `Hasher` once per process, and a dictionary
    /// freed and built again usually gets the same storage address, which seeds its order too, so both renders
    /// iterate alike. Determinism across processes is checked in `GoldenReportTests.twoProcessesWriteTheSameBytes`
    /// (HomewardCLITests), which runs `homeward` twice, and by the golden files themselves.
    @Test func chartsRenderTheSameTwiceInOneProcessAndIdsDoNotCollide() {
        let first = Self.charts.map(\.1), second = Self.charts.map(\.1)
        #expect(first == second)
        let ids = first.flatMap { svg in svg.matches(of: /id="([^"]+)"/).map { String($0.output.1) } }
        let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "ids used twice on one page: \(repeated)")
    }

    @Test func histogramBinsAreUpperInclusiveWithAnOverflowBin() {
        let bins = SVGChart.HistogramBins(values: [0, 10, 10.0001, 20, 199.9, 200, 200.1, .nan], binWidth: 10, cap: 200)
        #expect(bins.regularBinCount == 20)
        #expect(bins.counts[0] == 2)      // 0 and 10
        #expect(bins.counts[1] == 2)      // 10.0001 and 20
        #expect(bins.counts[19] == 2)     // 199.9 and 200
        #expect(bins.counts[20] == 1)     // over 200
        #expect(bins.ignored == 1)
        #expect(bins.total == 7)
        for v in [0.0, 10, 10.0001, 20, 199.9, 200, 200.1] {
            let bin = SVGChart.HistogramBins.bin(of: v, binWidth: 10, cap: 200)!
            #expect(SVGChart.HistogramBins(values: [v], binWidth: 10, cap: 200).counts[bin] == 1)
        }
    }

    @Test func theHistogramDescriptionListsEveryBinCount() {
        let svg = SVGChart.histogram(title: "t", description: "", samples: [.init(name: "Before", values: [5, 5, 15, 300])],
                                     binWidth: 10, cap: 30, xAxisLabel: "x", yAxisLabel: "y")
        #expect(svg.contains("Before (4 in all): 0–10: 2, 10–20: 1, 20–30: 0, over 30: 1."))
    }

    @Test func niceScalesCoverTheDataWithRoundSteps() {
        for (low, high) in [(0.0, 7.0), (0, 0.63), (0, 1234), (-5, 5), (0, 0)] {
            let scale = SVGChart.NiceScale(covering: low, high)
            #expect(scale.lower <= low && scale.upper >= high)
            let mantissa = scale.step / pow(10, floor(log10(scale.step)))
            #expect([1, 2, 2.5, 5, 10].contains { abs($0 - mantissa) < 1e-9 }, "step \(scale.step)")
        }
    }

    @Test func valueFormatsGroupThousandsAndWritePercentages() {
        #expect(SVGChart.ValueFormat.number().string(1234567) == "1,234,567")
        #expect(SVGChart.ValueFormat.number(decimals: 1, suffix: " mi").string(-1234.56) == "-1,234.6 mi")
        #expect(SVGChart.ValueFormat.percent().string(0.256) == "26%")
    }
}

@Suite("Disclosure control")
struct DisclosureTests {
    @Test func smallCountsAreSuppressedAndZeroIsShown() {
        let d = Disclosure(threshold: 5)
        #expect(d.count(0) == .shown(0))
        #expect((1...4).allSatisfy { d.count($0) == .suppressed })
        #expect(d.count(5) == .shown(5))
        #expect(d.text(.suppressed) == "<5")
    }

    @Test func aLoneSuppressedCellTakesTheNextSmallestWithIt() {
        let d = Disclosure(threshold: 5)
        // 3 is suppressed; the total (3 + 40 + 7 + 100) would reveal it, so 7 is hidden too.
        #expect(d.table([3, 40, 7, 100]) == [.suppressed, .shown(40), .hidden, .shown(100)])
        // Two suppressed cells protect each other.
        #expect(d.table([3, 2, 7]) == [.suppressed, .suppressed, .shown(7)])
        // Zeros are not used as the second cell: they reveal nothing.
        #expect(d.table([0, 4, 9]) == [.shown(0), .suppressed, .hidden])
    }

    @Test func randomTablesNeverRevealASmallCount() {
        // Whatever the counts, a table either hides no small count or hides at least two cells,
        // so the total never pins down a suppressed one.
        var state: UInt64 = 42
        for _ in 0..<2000 {
            let n = Int(state % 6) + 1
            var counts: [Int] = []
            for _ in 0..<n {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                counts.append(Int(state >> 59))  // 0 to 31
            }
            let cells = Disclosure(threshold: 5).table(counts)
            for (cell, count) in zip(cells, counts) {
                if case let .shown(v) = cell { #expect(v == count && !(1...4).contains(v)) }
            }
            let hidden = cells.filter { $0 != .shown(0) && $0.value == nil }.count
            let small = counts.filter { (1...4).contains($0) }.count
            #expect(small == 0 || hidden >= 2 || counts.filter { $0 > 0 }.count == 1, "\(counts) → \(cells)")
        }
    }
}
