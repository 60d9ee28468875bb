import Foundation
import KeywayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension MasterKey {
    /// Writes the key, base64 on one line, to a new file created with POSIX mode 0600.
    ///
    /// The file is created with that mode (never widened then narrowed), and an existing file is never
    /// overwritten. The folder must exist.
    ///
    /// - Throws: ``KeywayError`` `master_key_exists` when the file exists, `master_key_write_failed` when it
    ///   cannot be created or written.
    public func write(to url: URL) throws {
        let path = url.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST {
                throw KeywayError(
                    .conflict, "master_key_exists",
                    "A key file already exists at \(path); Keyway never overwrites a master key.")
            }
            throw KeywayError(
                .internal, "master_key_write_failed",
                "The master key file at \(path) could not be created: \(String(cString: strerror(code))).")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            try handle.write(contentsOf: Data((base64EncodedKey() + "\n").utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            unlink(path)
            throw KeywayError(
                .internal, "master_key_write_failed", "The master key file at \(path) could not be written.")
        }
    }
}
