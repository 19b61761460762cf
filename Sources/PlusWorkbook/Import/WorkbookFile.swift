import Foundation
import PlusModel

/// Tells a workbook from a text file by its first bytes and name, before anything is parsed.
///
/// ```swift
/// WorkbookFile.kind(of: url)   // .xlsx, .legacy (OLE: .xls or an encrypted .xlsx) or nil
/// ```
public enum WorkbookFile {
    public enum Kind: Sendable, Equatable {
        /// A ZIP container: an .xlsx (or an .ods, told when opened).
        case zip
        /// An OLE compound file: an old .xls, or an .xlsx encrypted with a password.
        case compound
    }

    /// The most a workbook file may weigh: it is read into memory to be unzipped.
    public static let sizeLimit = 128 << 20

    /// What the file is, if a workbook; `nil` for anything else (a CSV, an XML deliberation).
    public static func kind(of url: URL) -> Kind? {
        guard let handle = try? SafeFile.handle(url) else { return nil }
        defer { try? handle.close() }
        return kind(head: [UInt8]((try? handle.read(upToCount: 8)) ?? Data()), url: url)
    }

    /// ``kind(of:)`` of a head read already: the file's first bytes (at least eight when it has
    /// them; empty when it could not be read).
    public static func kind(head: some Collection<UInt8>, url: URL) -> Kind? {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compound }
        let name = url.pathExtension.lowercased()
        if ["xlsx", "xlsm", "xls", "ods"].contains(name), !head.isEmpty { return .zip }
        return nil
    }

    /// The file's bytes, refused with its code when it is no workbook this reader opens.
    static func bytes(of url: URL) throws -> Data {
        let handle = try SafeFile.handle(url)
        defer { try? handle.close() }
        let data = try handle.read(upToCount: sizeLimit + 1) ?? Data()
        guard data.count <= sizeLimit else {
            throw WorkbookError(.workbookTooLarge, found: "\(url.lastPathComponent): > \(sizeLimit >> 20) MB", expected: "\(sizeLimit >> 20) MB")
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An encrypted .xlsx is an OLE file with these streams; anything else OLE is an old .xls.
            let encrypted = data.range(of: Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) != nil
            throw WorkbookError(encrypted ? .workbookEncrypted : .workbookOldExcel)
        }
        if url.pathExtension.lowercased() == "xls" { throw WorkbookError(.workbookOldExcel) }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw WorkbookError(.workbookDamaged, found: "firma ZIP assente / no ZIP signature")
        }
        return data
    }
}
