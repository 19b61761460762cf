import Foundation
import PlusModel

/// Writes the regional submission XML, streaming, through ``XMLFileWriter``.
///
/// One `<ambito>` per Ambito-year carries the `ambiti` row as attributes and, inside, its
/// `<validazione>` (the outcome the exporter found, when it validated) and one element per row of the other datasets (`membro`, `servizio`, `finanziamento`, `riparto`,
/// `confronto`, `allocazione`, `indicatore`, `rendiconto`); attribute names are column names, empty values are omitted.
/// The document follows `Schemas/plus-export.xsd` (see ``XMLSchemaValidator``).
///
/// ```swift
/// try RegionalXMLWriter().write(datasets, metadata: metadata, to: url)
/// ```
public struct RegionalXMLWriter: Sendable {
    public static let namespace = "urn:it:sardegna:plus:esportazione:1"
    public static let schemaVersion = 1

    /// The element of each dataset's rows inside `<ambito>`, in schema order.
    public static let elements: [(dataset: String, element: String)] = [
        ("membri", "membro"), ("servizi", "servizio"), ("finanziamento", "finanziamento"),
        ("riparto", "riparto"), ("dichiarato_vs_pianificato", "confronto"), ("allocazione_regionale", "allocazione"),
        ("indicatori", "indicatore"), ("rendiconti_fondi", "rendiconto"),
    ]

    /// Whether amounts and percentages are written from their bytes on the stack
    /// (``PlusModel/Money/withFormattedBytes(_:_:)``), or each through its `String`
    /// (``ExportCell/plainText``), the specification. `PLUS_XML_CELL_BYTES=off` in the
    /// environment writes every value through its `String`: slower, same files.
    public var writesCellBytes = RegionalXMLWriter.writesCellBytesByDefault

    static let writesCellBytesByDefault =
        ProcessInfo.processInfo.environment["PLUS_XML_CELL_BYTES"]?.lowercased() != "off"

    public init() {}

    /// Writes the document and returns the file's checksum and size, computed while writing
    /// (nil when there is no `ambiti` dataset and no file is written).
    @discardableResult
    public func write(_ datasets: [any ExportTable], metadata: ExportMetadata, to url: URL) throws -> FileDigest? {
        try write(datasets, metadata: metadata, with: { try XMLFileWriter(url: $0) }, to: url)
    }

    /// Writes the document and tells whether it certainly conforms to `schema`, checked while
    /// writing (false also when the check cannot tell: then only validating the file can).
    func write(
        _ datasets: [any ExportTable], metadata: ExportMetadata, checkingAgainst schema: XMLSchemaConformance, to url: URL
    ) throws -> (digest: FileDigest?, conforms: Bool) {
        var checking: SchemaCheckingWriter<XMLFileWriter>?
        let digest = try write(datasets, metadata: metadata, with: { url in
            let writer = SchemaCheckingWriter(try XMLFileWriter(url: url), schema: schema)
            checking = writer
            return writer
        }, to: url)
        return (digest, checking?.conforms ?? false)
    }

    /// Writes the document through the writer `makeWriter` opens on `url` (tests compare
    /// ``XMLFileWriter`` with libxml2's own, ``LibXML2TextWriter``).
    func write<Writer: XMLElementWriter>(
        _ datasets: [any ExportTable], metadata: ExportMetadata, with makeWriter: (URL) throws -> Writer, to url: URL
    ) throws -> FileDigest? {
        let byName = Dictionary(datasets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        guard let ambiti = byName["ambiti"] else { return nil }
        // Rows are sorted by (anno, ambito, ...): each dataset is read alongside the Ambiti, its
        // rows of one Ambito-year taken as they come.
        var children = try Self.elements.compactMap { name, element in
            try byName[name].map { Children(element: element, columns: $0.columns, rows: try $0.makeRowCursor()) }
        }

        let xml = try makeWriter(url)
        try xml.startElement("esportazione")
        try xml.attribute("xmlns", Self.namespace)
        try xml.attribute("versione", String(Self.schemaVersion))
        try xml.attribute("generato", metadata.timestamp)
        if let ruleSet = metadata.ruleSet {
            try xml.startElement("regole")
            try xml.attribute("nome", ruleSet.name)
            try xml.attribute("versione", ruleSet.version)
            if let vintage = ruleSet.populationVintage { try xml.attribute("popolazione", vintage) }
            try xml.endElement()
        }
        try xml.startElement("invii")
        for submission in metadata.submissions.sorted() {
            try xml.startElement("invio")
            try xml.attribute("id", submission.id)
            try xml.attribute("file", submission.file)
            try xml.attribute("sha256", submission.sha256)
            try xml.endElement()
        }
        try xml.endElement()
        let validations = Dictionary(metadata.validations.map { ([ExportCell.integer(Int64($0.year)), .text($0.ambito)], $0) }, uniquingKeysWith: { first, _ in first })
        try ambiti.forEachRow { ambito in
            let ambitoYear = Array(ambito.prefix(2))
            try xml.startElement("ambito")
            try writeAttributes(ambito, columns: ambiti.columns, skipping: 0, to: xml)
            if let validation = validations[ambitoYear] {
                try xml.startElement("validazione")
                try xml.attribute("esito", validation.outcome)
                try xml.attribute("errori", String(validation.errors))
                try xml.attribute("avvisi", String(validation.warnings))
                try xml.attribute("regole", validation.ruleSet.name)
                try xml.attribute("versione_regole", validation.ruleSet.version)
                try xml.endElement()
            }
            for index in children.indices {
                let (element, columns) = (children[index].element, children[index].columns)
                try children[index].forEachRow(of: ambitoYear) { row in
                    try xml.startElement(element)
                    try writeAttributes(row, columns: columns, skipping: 2, to: xml)
                    try xml.endElement()
                }
            }
            try xml.endElement()
        }
        return try xml.finish()
    }

    /// The rows of one dataset written inside the `<ambito>` elements, read once, in order.
    private struct Children {
        let element: String
        let columns: [ExportColumn]
        var rows: RowCursor
        var next: [ExportCell]?
        var started = false

        init(element: String, columns: [ExportColumn], rows: RowCursor) {
            self.element = element
            self.columns = columns
            self.rows = rows
        }

        /// Calls `body` with the rows of `ambitoYear` (its first two cells), passing over rows of an
        /// Ambito-year before it (which no `<ambito>` holds: the integrity checks refuse them).
        mutating func forEachRow(of ambitoYear: [ExportCell], _ body: ([ExportCell]) throws -> Void) throws {
            if !started {
                next = try rows.next()
                started = true
            }
            let positions = Array(ambitoYear.indices)
            while let row = next {
                let ordering = ExportCell.ordering(row, ambitoYear, at: positions)
                if ordering > 0 { return }
                if ordering == 0 { try body(row) }
                next = try rows.next()
            }
        }
    }

    /// Writes the row's non-null cells as attributes, after the first `skipping` columns.
    private func writeAttributes(_ row: [ExportCell], columns: [ExportColumn], skipping: Int, to xml: some XMLElementWriter) throws {
        // By index: iterating `zip(columns, row)` copied each column's definition.
        for index in skipping..<min(columns.count, row.count) {
            // Amounts are most of an export's values: their text is written from the stack.
            switch row[index] {
            case .money(let money) where writesCellBytes:
                try money.withFormattedBytes(.plain) { try xml.attribute(columns[index].name, utf8: $0) }
            case .basisPoints(let points) where writesCellBytes:
                try Money(cents: points).withFormattedBytes(.plain) { try xml.attribute(columns[index].name, utf8: $0) }
            default:
                if let text = row[index].plainText { try xml.attribute(columns[index].name, text) }
            }
        }
    }
}
