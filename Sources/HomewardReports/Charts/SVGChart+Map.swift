import Foundation
import HomewardCore

// MARK: - Map

extension SVGChart {
    /// What a place on the map is, drawn with its own marker so states differ in greyscale too.
    public enum PlaceKind: String, Sendable, CaseIterable {
        case unchanged, changed, closed, new

        var legend: String {
            switch self {
            case .unchanged: return "Establishment, unchanged"
            case .changed: return "Establishment changed"
            case .closed: return "Establishment closed"
            case .new: return "New establishment"
            }
        }

        var shape: Shape {
            switch self {
            case .unchanged: return .circle
            case .changed: return .diamond
            case .closed: return .cross
            case .new: return .triangle
            }
        }

        var colour: Colour {
            switch self {
            case .unchanged: return .grey
            case .changed: return .orange
            case .closed: return .black
            case .new: return .green
            }
        }
    }

    /// A place on the map.
    public struct MapPlace: Sendable, Equatable {
        public var name: String
        public var latitude: Double
        public var longitude: Double
        public var kind: PlaceKind

        public init(name: String, latitude: Double, longitude: Double, kind: PlaceKind) {
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
            self.kind = kind
        }
    }

    /// A flow of people between two places.
    public struct MapFlow: Sendable, Equatable {
        public var fromLatitude: Double
        public var fromLongitude: Double
        public var toLatitude: Double
        public var toLongitude: Double
        public var count: Int

        public init(fromLatitude: Double, fromLongitude: Double, toLatitude: Double, toLongitude: Double, count: Int) {
            self.fromLatitude = fromLatitude
            self.fromLongitude = fromLongitude
            self.toLatitude = toLatitude
            self.toLongitude = toLongitude
            self.count = count
        }
    }

    /// The map's frame: England and Wales (Scotland's border at the top edge).
    public struct MapFrame: Sendable, Equatable {
        public var south = 49.85
        public var north = 55.85
        public var west = -5.85
        public var east = 1.85
        public init() {}
    }

    /// A map of England and Wales: the outline (coast filled, borders dashed), establishments
    /// by state, and flows of people as curved arrows whose width grows with the number of people.
    ///
    /// The projection is equirectangular with longitudes scaled by the cosine of the frame's
    /// middle latitude, which keeps shapes and distances within a few per cent across England
    /// and Wales; a 50-mile scale bar is drawn. Changed, closed and new places are named.
    /// - Parameters:
    ///   - title: The chart's accessible name, also drawn at the top when `showsTitle` is true.
    ///   - description: A sentence or two for screen readers; a summary of the data is appended.
    ///   - outline: Coast polygons and border lines.
    ///   - places: The places, drawn in the order given (unchanged first looks best).
    ///   - flows: Flows of people between places.
    ///   - flowUnit: What a flow counts, e.g. "people".
    ///   - frame: The area shown.
    ///   - showsTitle: Whether to draw the title inside the chart.
    ///   - width: The nominal width in px; the height follows from the frame.
    /// - Returns: A complete `<svg>` element.
    public static func map(
        title: String, description: String, outline: [OutlineRing], places: [MapPlace], flows: [MapFlow],
        flowUnit: String = "people", frame: MapFrame = MapFrame(), showsTitle: Bool = true, width: Double = 560
    ) -> String {
        let plotWidth = width - 2 * Layout.margin
        // The header and legend heights decide the canvas height: measure them on a scratch canvas.
        var scratch = Canvas(width: width, height: 0)
        let canvasTop = Layout.header(title, shows: showsTitle, width: width, into: &scratch)
        let legendEntries = mapLegend(places: places, flows: flows, flowUnit: flowUnit)
        var legendScratch = Canvas(width: width, height: 0)
        let legendHeight = Layout.legend(legendEntries, x: Layout.margin, y: 0, maxWidth: plotWidth, into: &legendScratch)
        let projection = MapProjection(frame: frame, width: width, top: canvasTop + legendHeight + 8)
        let height = projection.top + projection.plotHeight + Layout.margin

        var canvas = Canvas(width: width, height: height)
        _ = Layout.header(title, shows: showsTitle, width: width, into: &canvas)
        Layout.legend(legendEntries, x: Layout.margin, y: canvasTop, maxWidth: plotWidth, into: &canvas)
        drawLand(outline, projection: projection, into: &canvas)
        drawFlows(flows, projection: projection, into: &canvas)
        drawPlaces(places, projection: projection, into: &canvas)
        drawScaleBar(projection: projection, into: &canvas)
        return canvas.document(title: title, description: joined(description, mapSummary(places: places, flows: flows, flowUnit: flowUnit)))
    }

    /// Where a latitude and longitude fall on the map's canvas.
    ///
    /// Equirectangular, with longitudes scaled by the cosine of the frame's middle latitude.
    private struct MapProjection {
        let frame: MapFrame
        let width: Double
        /// The top of the plot on the canvas, below the title and legend.
        let top: Double
        let cosine: Double
        let plotWidth: Double
        /// Pixels per degree of latitude.
        let k: Double
        let plotHeight: Double

        init(frame: MapFrame, width: Double, top: Double) {
            self.frame = frame
            self.width = width
            self.top = top
            cosine = cos((frame.south + frame.north) / 2 * .pi / 180)
            plotWidth = width - 2 * Layout.margin
            k = plotWidth / ((frame.east - frame.west) * cosine)
            plotHeight = (frame.north - frame.south) * k
        }

        func x(_ longitude: Double) -> Double { Layout.margin + (longitude - frame.west) * cosine * k }
        func y(_ latitude: Double) -> Double { top + (frame.north - latitude) * k }
        func inside(_ latitude: Double, _ longitude: Double) -> Bool {
            (frame.south...frame.north).contains(latitude) && (frame.west...frame.east).contains(longitude)
        }
    }

    /// The legend: one marker for each kind of place present, and a line for the flows if there are any.
    private static func mapLegend(places: [MapPlace], flows: [MapFlow], flowUnit: String) -> [(key: Layout.Key, label: String)] {
        let legendKinds = PlaceKind.allCases.filter { kind in places.contains { $0.kind == kind } }
        var legendEntries: [(key: Layout.Key, label: String)] = legendKinds.map {
            (key: .marker(shape: $0.shape, fill: $0.colour.hex, stroke: "#ffffff"), label: $0.legend)
        }
        if !flows.isEmpty {
            legendEntries.append((key: .line(stroke: Colour.vermillion.hex, dash: nil, shape: nil),
                                  label: "Moves of " + flowUnit + " (wider: more)"))
        }
        return legendEntries
    }

    /// Sea, land and borders: the sea fills the frame, coasts are filled, borders are dashed.
    private static func drawLand(_ outline: [OutlineRing], projection p: MapProjection, into canvas: inout Canvas) {
        canvas.open("clipPath", [("id", Canvas.id("frame"))])
        canvas.rect(Layout.margin, p.top, p.plotWidth, p.plotHeight, fill: "#ffffff")
        canvas.close("clipPath")
        canvas.rect(Layout.margin, p.top, p.plotWidth, p.plotHeight, fill: "#eef4f8",
                    extra: [("stroke", Style.grid), ("stroke-width", "1")])
        canvas.open("g", [("clip-path", "url(#" + Canvas.id("frame") + ")")])
        for ring in outline where ring.points.count >= 2 {
            var d = ""
            for (i, point) in ring.points.enumerated() {
                d += (i == 0 ? "M" : "L") + Canvas.num(p.x(point.longitude)) + " " + Canvas.num(p.y(point.latitude))
            }
            if ring.isCoast {
                canvas.element("path", [("d", d + "Z"), ("fill", "#fbfbf8"), ("stroke", "#9aa5ad"),
                                        ("stroke-width", "0.8"), ("stroke-linejoin", "round")])
            } else {
                canvas.element("path", [("d", d), ("fill", "none"), ("stroke", "#9aa5ad"), ("stroke-width", "0.9"),
                                        ("stroke-dasharray", "4 3")])
            }
        }
        canvas.close("g")
    }

    /// Flows as curved arrows, widest first so that narrow ones stay visible on top.
    private static func drawFlows(_ flows: [MapFlow], projection p: MapProjection, into canvas: inout Canvas) {
        let largest = Double(flows.map(\.count).max() ?? 1)
        canvas.open("defs")
        canvas.open("marker", [("id", Canvas.id("arrow")), ("viewBox", "0 0 10 10"), ("refX", "9"), ("refY", "5"),
                               ("markerWidth", "5"), ("markerHeight", "5"), ("orient", "auto-start-reverse"),
                               ("markerUnits", "strokeWidth")])
        canvas.element("path", [("d", "M0 1L10 5L0 9Z"), ("fill", Colour.vermillion.hex)])
        canvas.close("marker")
        canvas.close("defs")
        let ordered = flows.enumerated().sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }
        for (_, flow) in ordered {
            let x1 = p.x(flow.fromLongitude), y1 = p.y(flow.fromLatitude)
            let x2 = p.x(flow.toLongitude), y2 = p.y(flow.toLatitude)
            let dx = x2 - x1, dy = y2 - y1
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 2 else { continue }
            // Bend to the right of the direction of travel, so that A→B and B→A do not overlap.
            let bend = min(0.18 * length, 40)
            let cx = (x1 + x2) / 2 + dy / length * bend, cy = (y1 + y2) / 2 - dx / length * bend
            let strokeWidth = 1.2 + 5.8 * (Double(flow.count) / largest).squareRoot()
            canvas.element("path", [
                ("d", "M" + Canvas.num(x1) + " " + Canvas.num(y1) + "Q" + Canvas.num(cx) + " " + Canvas.num(cy) + " "
                    + Canvas.num(x2) + " " + Canvas.num(y2)),
                ("fill", "none"), ("stroke", Colour.vermillion.hex), ("stroke-width", Canvas.num(strokeWidth)),
                ("stroke-opacity", "0.75"), ("stroke-linecap", "round"), ("marker-end", "url(#" + Canvas.id("arrow") + ")"),
            ])
        }
    }

    /// Places inside the frame, kind by kind, then the names of the changed, closed and new ones.
    private static func drawPlaces(_ places: [MapPlace], projection p: MapProjection, into canvas: inout Canvas) {
        var labelled: [MapPlace] = []
        for kind in PlaceKind.allCases {
            for place in places where place.kind == kind && p.inside(place.latitude, place.longitude) {
                let r = kind == .unchanged ? 2.6 : 5.5
                canvas.element("path", [("d", Style.markerPath(kind.shape, x: p.x(place.longitude), y: p.y(place.latitude), r: r)),
                                        ("fill", kind.colour.hex), ("stroke", kind == .unchanged ? "#ffffff" : Style.ink),
                                        ("stroke-width", kind == .unchanged ? "0.5" : "1")])
                if kind != .unchanged { labelled.append(place) }
            }
        }
        for place in labelled {
            let px = p.x(place.longitude), py = p.y(place.latitude)
            let onRight = px < p.width * 0.6
            canvas.haloText(place.name, x: onRight ? px + 8 : px - 8, y: py + 4, size: Style.smallSize,
                            anchor: onRight ? "start" : "end", bold: true)
        }
    }

    /// A 50-mile scale bar in the bottom-left corner.
    private static func drawScaleBar(projection p: MapProjection, into canvas: inout Canvas) {
        let milesPerDegree = 69.05
        let barLength = 50 / milesPerDegree * p.k
        let barX = Layout.margin + 12, barY = p.top + p.plotHeight - 16
        canvas.rect(barX, barY, barLength, 4, fill: Style.ink)
        canvas.rect(barX + barLength / 2, barY, barLength / 2, 4, fill: "#ffffff",
                    extra: [("stroke", Style.ink), ("stroke-width", "0.8")])
        canvas.haloText("0", x: barX, y: barY - 4, size: Style.smallSize, anchor: "middle")
        canvas.haloText("50 miles", x: barX + barLength, y: barY - 4, size: Style.smallSize, anchor: "middle")
    }

    /// The text alternative: the places of each kind and the flows drawn.
    private static func mapSummary(places: [MapPlace], flows: [MapFlow], flowUnit: String) -> [String] {
        var summary: [String] = []
        for kind in PlaceKind.allCases {
            let named = places.filter { $0.kind == kind }
            guard !named.isEmpty else { continue }
            if kind == .unchanged {
                summary.append(Format.grouped(named.count) + " establishments unchanged.")
            } else {
                summary.append(kind.legend + ": " + named.map(\.name).joined(separator: ", ") + ".")
            }
        }
        if flows.isEmpty {
            summary.append("No moves are drawn.")
        } else {
            let largest = flows.map(\.count).max() ?? 1
            summary.append(Format.grouped(flows.count) + " flows drawn, carrying " + Format.grouped(flows.map(\.count).reduce(0, +))
                           + " " + flowUnit + "; the largest carries " + Format.grouped(largest) + ".")
        }
        return summary
    }
}
