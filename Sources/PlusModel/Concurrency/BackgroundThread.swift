import Foundation

/// A named thread of `plus`'s own, started one way everywhere and waited for with ``join()``.
///
/// `plus` runs its background work on threads it starts itself, not on a shared dispatch pool:
/// every worker (the CSV block parsers, the read-ahead of files and of a plan's services, the
/// store's row reader, the disposal of stored files, the maps over every core, the store's checkpoints through a
/// ``SerialWorker``, the run's filing beside its consolidation through ``Alongside``) is one of these,
/// with a name a profile or a debugger shows, and a stack as large as the main thread's.
///
/// ```swift
/// let worker = BackgroundThread.start(named: "plus-example") { print("on its own thread") }
/// worker.join()   // returns once the closure has returned
/// ```
public final class BackgroundThread: Sendable {
    /// The stack of every background thread: as the main thread's on Linux, since the work it runs
    /// (reading a file, validating a year) is the work the main thread would otherwise run.
    public static let stackSize = 8 << 20

    private let ended = DispatchSemaphore(value: 0)

    private init() {}

    /// Starts `body` on a new thread named `name`. `body` is released before ``join()`` returns,
    /// so a closure made escaping by `withoutActuallyEscaping` may run here.
    @discardableResult
    public static func start(named name: String, _ body: @escaping @Sendable () -> Void) -> BackgroundThread {
        let started = BackgroundThread()
        let once = Once(body)
        let systemName = systemName(of: name)
        let thread = Thread { [ended = started.ended] in
            nameForTheSystem(systemName)
            once.run()
            ended.signal()
        }
        thread.name = name
        thread.stackSize = stackSize
        thread.start()
        return started
    }

    /// The name the system gives the thread named `name`: without the `plus-` every name starts
    /// with (the process is `plus` already), cut to the 15 bytes Linux keeps at a character's end
    /// (`plus-read-ahead-1` is `read-ahead-1`).
    static func systemName(of name: String) -> String {
        var rest = name.hasPrefix("plus-") ? Substring(name.dropFirst(5)) : Substring(name)
        while rest.utf8.count > 15 { rest = rest.dropLast() }
        return String(rest)
    }

    /// Names the calling thread as the system shows it. Foundation on Linux keeps `Thread.name` to
    /// itself, where `top -H`, `perf` and a debugger read the thread's `comm`, which the thread
    /// sets by writing it (Glibc's `pthread_setname_np` is not visible to Swift). A failure leaves
    /// the process's name, which only a profile misses.
    private static func nameForTheSystem(_ name: String) {
        #if os(Linux)
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = name.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        #endif
    }

    /// Waits until the thread's closure has returned; at once when it has.
    public func join() {
        ended.wait()
        ended.signal()  // for the next join
    }

    /// A closure run once and let go of as it returns: the thread's own closure outlives it.
    private final class Once: @unchecked Sendable {
        private var body: (@Sendable () -> Void)?

        init(_ body: @escaping @Sendable () -> Void) { self.body = body }

        func run() {
            let body = self.body
            self.body = nil
            body?()
        }
    }
}
