import CLibXML2
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The process-wide set-up of libxml2 and the small conversions every wrapper needs.
///
/// ```swift
/// LibXML.ensureInitialized()
/// ```
enum LibXML {
    // libxml2 wants xmlInitParser() once, before any thread uses it; a static let runs exactly once.
    private static let initialization: Void = { xmlInitParser() }()

    static func ensureInitialized() { _ = initialization }

    /// Runs `body` with libxml2's structured errors of this thread sent to `collector`.
    ///
    /// libxml2 keeps the structured handler per thread, and `body` is synchronous, so
    /// setting and resetting it around the call never leaks into another import.
    static func collectingErrors<T>(into collector: XMLErrorCollector, _ body: () throws -> T) rethrows -> T {
        ensureInitialized()
        // Whatever handler the thread had (another module's, or none) comes back afterwards.
        let previousHandler = __xmlStructuredError()?.pointee
        let previousContext = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(collector).toOpaque(), xmlCollectStructuredError)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return try body()
    }

    /// A string owned by libxml2, copied and freed.
    static func takeString(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        // xmlFree is a mutable global in Swift 6's eyes; this libxml2 uses the C allocator, so free() is it.
        defer { free(pointer) }
        return String(cString: pointer)
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// The C callback that hands one libxml2 error to the ``XMLErrorCollector`` in `context`.
let xmlCollectStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
}
