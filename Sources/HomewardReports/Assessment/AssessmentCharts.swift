import HomewardCore

/// The charts of a family impact assessment: the assessment's published figures
/// (already subject to disclosure control) turned into ``SVGChart`` calls.
enum AssessmentCharts {
    /// Distance from home of the people affected, before and after.
    static func histogram(_ a: Assessment) -> String {
        SVGChart.histogram(
            title: "Distance from home of the people affected",
            description: "Histogram of estimated road miles from home, before and after the change, for the people the change moves.",
            samples: [.init(name: "Before the change", values: a.affectedMilesBefore),
                      .init(name: "After the change", values: a.affectedMilesAfter)],
            binWidth: Assessment.histogramBinMiles, cap: Assessment.histogramCapMiles,
            xAxisLabel: "Miles from home (estimated by road)", yAxisLabel: "People")
    }

    /// Establishments by state and the flows of moved people.
    static func map(_ a: Assessment) -> String {
        let places = a.mapPoints.map { p in
            SVGChart.MapPlace(name: p.name, latitude: p.latitude, longitude: p.longitude,
                              kind: SVGChart.PlaceKind(rawValue: p.state) ?? .unchanged)
        }
        let flows = a.flows.map { f in
            SVGChart.MapFlow(fromLatitude: f.fromLatitude, fromLongitude: f.fromLongitude,
                             toLatitude: f.toLatitude, toLongitude: f.toLongitude, count: f.count)
        }
        return SVGChart.map(
            title: "Establishments and the moves the change causes",
            description: "Map of England and Wales with every adult establishment and the moves between establishments that the change causes.",
            outline: a.outline, places: places, flows: flows)
    }

    /// Share held within 50 miles of home, by group, before and after.
    static func within50(_ a: Assessment) -> String {
        SVGChart.barChart(
            title: "Held within 50 miles of home, by group",
            description: "Share of each group held within 50 miles of home, before and after the change. Groups too small to publish have no bar.",
            categories: a.proximity.map(\.label),
            series: [.init(name: "Before the change", values: a.proximity.map { $0.before?.within50 }),
                     .init(name: "After the change", values: a.proximity.map { $0.after?.within50 })],
            valueFormat: .percent(decimals: 0))
    }
}
