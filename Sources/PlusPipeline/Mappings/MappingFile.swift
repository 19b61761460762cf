import Foundation
import PlusCSV
import PlusModel
import PlusXML

/// One file of a mapping library, parsed once and read as the kind of mapping it is: a CSV layout
/// or an XML deliberation.
///
/// The kind is told by the parsed document's `target`: a CSV target (`dichiarazione`, `servizi`, …)
/// is read as a ``CSVMapping`` first, anything else as an ``XMLMapping`` first; the other kind is
/// read from the same parsed document only when the first fails, so that a broken file says what
/// is wrong with it as either.
///
/// ```swift
/// switch try MappingFile.load(from: url) {
/// case .csv(let mapping): print(mapping.target)
/// case .xml(let mapping): print(mapping.root ?? "")
/// }
/// ```
public enum MappingFile: Sendable {
    case csv(CSVMapping)
    case xml(XMLMapping)

    /// Why a file reads as neither a CSV nor an XML mapping: what each reading said.
    public struct Unreadable: Error, Sendable {
        public var file: String
        public var asCSV: MappingError
        public var asXML: XMLMappingError

        /// ``PipelineError/brokenMapping(file:asCSV:asXML:)`` for a library that holds the file.
        public var brokenMapping: PipelineError {
            .brokenMapping(file: file, asCSV: asCSV.message, asXML: asXML.localized ?? LocalizedText(it: asXML.reason, en: asXML.reason))
        }
    }

    /// Reads the mapping file `url`.
    public static func load(from url: URL) throws(Unreadable) -> MappingFile {
        let file = url.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw Unreadable(file: file, asCSV: CSVMapping.unreadable(error, file: file), asXML: .unreadable(file: file))
        }
        let document: YAMLValue
        do {
            document = try YAMLValue.document(text)
        } catch {
            throw Unreadable(file: file, asCSV: CSVMapping.invalid(error, file: file), asXML: XMLMappingError(file: file, mistake: error))
        }
        func asCSV() -> Result<MappingFile, MappingError> {
            do {
                return .success(.csv(try CSVMapping.read(document, file: file)))
            } catch let error as MappingError {
                return .failure(error)
            } catch {
                return .failure(MappingError(file: file, message: LocalizedText(it: "\(error)", en: "\(error)")))
            }
        }
        func asXML() -> Result<MappingFile, XMLMappingError> {
            do throws(XMLMappingError) {
                return .success(.xml(try XMLMapping.read(document).located(at: url)))
            } catch {
                var named = error
                named.file = file
                return .failure(named)
            }
        }
        let csv: Result<MappingFile, MappingError>
        let xml: Result<MappingFile, XMLMappingError>
        if namesCSVTarget(document) {
            csv = asCSV()
            if case .success(let mapping) = csv { return mapping }
            xml = asXML()
        } else {
            xml = asXML()
            if case .success(let mapping) = xml { return mapping }
            csv = asCSV()
        }
        switch (csv, xml) {
        case (.success(let mapping), _), (_, .success(let mapping)): return mapping
        case (.failure(let csvError), .failure(let xmlError)): throw Unreadable(file: file, asCSV: csvError, asXML: xmlError)
        }
    }

    /// Whether the document's `target` is one a CSV mapping reads into.
    private static func namesCSVTarget(_ document: YAMLValue) -> Bool {
        guard let target = try? document.fields().optional("target")?.string() else { return false }
        return MappingTarget(rawValue: target) != nil
    }
}
