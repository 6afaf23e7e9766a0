/// A report as a sequence of blocks, rendered to HTML and to Markdown from the
/// same content, so that the two can never say different things.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String
    /// A banner shown at the top of every page (e.g. that the data are synthetic).
    public var banner: String?
    public var blocks: [Block]

    public init(title: String, subtitle: String, banner: String? = nil, blocks: [Block] = []) {
        self.title = title
        self.subtitle = subtitle
        self.banner = banner
        self.blocks = blocks
    }

    /// One part of a report.
    public enum Block: Sendable {
        /// A section heading (level 2) or sub-heading (level 3).
        case heading(level: Int, text: String)
        case paragraph(String)
        case bullets([String])
        case table(Table)
        /// An inline SVG chart with a caption; Markdown shows the caption only.
        case figure(svg: String, caption: String)
        /// Large headline numbers.
        case keyFigures([(label: String, value: String)])
        /// A highlighted note.
        case note(String)
        /// A rating with its question and evidence (Family Test).
        case rating(question: String, rating: String, evidence: String, limits: String)
        /// Preformatted text (the policy file).
        case preformatted(String)
    }

    /// A table: header and rows of text; numbers right-aligned.
    public struct Table: Sendable {
        public var caption: String
        public var header: [String]
        public var rows: [[String]]
        /// Which columns hold numbers (right-aligned).
        public var numeric: [Bool]
        public var note: String?

        public init(caption: String, header: [String], rows: [[String]], numeric: [Bool]? = nil, note: String? = nil) {
            self.caption = caption
            self.header = header
            self.rows = rows
            self.numeric = numeric ?? header.indices.map { $0 > 0 }
            self.note = note
        }
    }

    public mutating func add(_ block: Block) {
        blocks.append(block)
    }
}
