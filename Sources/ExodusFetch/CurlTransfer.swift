// One HTTP/file transfer through libcurl's easy interface: no retries, no
// policy decisions beyond setting options. `Fetcher` builds on this.

import CCurl
import ExodusHTML

/// libcurl is opened on first use, not linked (see CCurl.c for why): the first transfer
/// loads it and runs `curl_global_init`, once per process, and later ones find it ready.
enum CurlRuntime {
    /// Nil when libcurl is ready; else why it is not (missing library, failed init).
    static var loadFailure: String? { exodus_curl_load().map { String(cString: $0) } }
}

/// Collects what libcurl hands to the write and header callbacks during one
/// transfer. It is only touched from the thread running `curl_easy_perform`,
/// and libcurl only sees it through an unretained pointer that never outlives
/// `CurlTransfer.perform` (see `withExtendedLifetime` there), so there is
/// neither a retain to leak nor a dangling pointer.
final class TransferSink {
    let maxBodyBytes: Int
    var body: [UInt8] = []
    /// Set when the write callback refused data because of `maxBodyBytes`.
    var overflowed = false
    /// Headers of the latest response only (each redirect hop starts afresh),
    /// by lower-cased name; a repeated header keeps its last value.
    var headers: [String: String] = [:]
    private var headerCount = 0
    /// Whether private addresses may be connected to, and the test-only exceptions.
    let allowPrivateNetworks: Bool
    let addressesAllowed: Set<String>
    /// The first address a connection was refused to, with why.
    var refusedAddress: String?

    init(maxBodyBytes: Int, allowPrivateNetworks: Bool = true, addressesAllowed: Set<String> = []) {
        self.maxBodyBytes = maxBodyBytes
        self.allowPrivateNetworks = allowPrivateNetworks
        self.addressesAllowed = addressesAllowed
    }

    /// Whether a connection to this address may be made; remembers the first refusal.
    func mayConnect(family: Int32, address: UnsafeRawPointer, length: Int) -> Bool {
        guard let verdict = SocketAddress.verdict(family: family, address: address, length: length) else {
            if refusedAddress == nil { refusedAddress = "an address of family \(family)" }
            return false
        }
        guard let range = verdict.range, !allowPrivateNetworks, !addressesAllowed.contains(verdict.text) else { return true }
        if refusedAddress == nil { refusedAddress = "\(verdict.text) (\(range.rawValue))" }
        return false
    }

    func receiveBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count > maxBodyBytes - body.count {
            overflowed = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    func receiveHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Header lines are ASCII in practice; anything else is decoded leniently.
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers.removeAll(keepingCapacity: true)
            headerCount = 0
            return
        }
        // A hostile server could send endless headers; libcurl caps the total
        // size, and we additionally keep at most this many.
        guard headerCount < 256, let colon = line.firstIndex(of: ":") else { return }
        headerCount += 1
        let name = line[..<colon].trimming(\.isSpaceOrTab).lowercased()
        let value = line[line.index(after: colon)...].trimming(\.isSpaceOrNewline)
        headers[name] = value
    }
}

/// libcurl's write callback: appends body bytes to the sink, or returns a
/// short count (which makes libcurl abort with CURLE_WRITE_ERROR) once the
/// body would exceed the size limit.
private let bodyCallback: exodus_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let total = size * count
    guard total > 0, let data else { return total }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    let accepted = data.withMemoryRebound(to: UInt8.self, capacity: total) {
        sink.receiveBody(UnsafeBufferPointer(start: $0, count: total))
    }
    return accepted ? total : 0
}

/// libcurl's header callback: called once per header line, status lines included.
private let headerCallback: exodus_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let total = size * count
    guard total > 0, let data else { return total }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    data.withMemoryRebound(to: UInt8.self, capacity: total) {
        sink.receiveHeaderLine(UnsafeBufferPointer(start: $0, count: total))
    }
    return total
}

/// libcurl's open-socket check (through CCurl's guard): asks the sink about the address.
private let addressCheck: exodus_curl_address_check = { context, family, address, length in
    guard let context, let address else { return 0 }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    return sink.mayConnect(family: family, address: address, length: Int(length)) ? 1 : 0
}

/// What one attempt produced, before any interpretation.
struct TransferResult {
    var code: CURLcode
    /// libcurl's detailed error text, or its generic text for `code`.
    var errorText: String
    var status: Int
    var effectiveURL: String?
    var contentType: String?
    /// Seconds from `Retry-After`, when the last response carried one.
    var retryAfter: Double?
    var body: [UInt8]
    var overflowed: Bool
    var headers: [String: String]
    /// The address a connection was refused to, when one was.
    var refusedAddress: String? = nil
}

/// Options for a single attempt, derived from the request and the policy.
struct TransferOptions {
    var url: String
    var userAgent: String
    var extraHeaders: [String]
    var maxRedirects: Int
    var connectTimeoutMilliseconds: Int
    var totalTimeoutMilliseconds: Int
    var maxBodyBytes: Int
    var allowPrivateNetworks = true
    var addressesAllowed: Set<String> = []
}

enum CurlTransfer {
    static func perform(_ options: TransferOptions) -> TransferResult {
        func failure(_ code: CURLcode, _ text: String) -> TransferResult {
            TransferResult(
                code: code, errorText: text, status: 0, effectiveURL: nil, contentType: nil,
                retryAfter: nil, body: [], overflowed: false, headers: [:])
        }
        if let problem = CurlRuntime.loadFailure {
            return failure(CURLE_FAILED_INIT, problem)
        }
        guard let handle = exodus_curl_easy_init() else {
            return failure(CURLE_FAILED_INIT, "curl_easy_init failed")
        }
        defer { exodus_curl_easy_cleanup(handle) }

        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        for header in options.extraHeaders {
            // curl_slist_append copies the string; on failure it returns NULL and
            // leaves the existing list alone, so keep the old one to free it.
            if let extended = exodus_curl_slist_append(headerList, header) { headerList = extended }
        }
        defer { exodus_curl_slist_free_all(headerList) }

        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }

        let sink = TransferSink(
            maxBodyBytes: options.maxBodyBytes, allowPrivateNetworks: options.allowPrivateNetworks,
            addressesAllowed: options.addressesAllowed)
        let guardStorage = UnsafeMutablePointer<exodus_curl_address_guard>.allocate(capacity: 1)
        defer { guardStorage.deallocate() }
        return withExtendedLifetime(sink) { () -> TransferResult in
            let context = Unmanaged.passUnretained(sink).toOpaque()
            guardStorage.initialize(to: exodus_curl_address_guard(check: addressCheck, context: context))
            var setup = CURLE_OK
            func set(_ code: CURLcode) { if setup == CURLE_OK { setup = code } }

            set(exodus_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
            set(exodus_curl_setopt_string(handle, CURLOPT_URL, options.url))
            set(exodus_curl_restrict_protocols(handle))
            // Threads plus signals do not mix; timeouts then rely on the resolver
            // being threaded (it is in Debian's libcurl).
            set(exodus_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            set(exodus_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1))
            set(exodus_curl_setopt_long(handle, CURLOPT_MAXREDIRS, options.maxRedirects))
            set(exodus_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds))
            set(exodus_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, options.totalTimeoutMilliseconds))
            // Empty string: offer every encoding this libcurl can decode (gzip, deflate, ...).
            set(exodus_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
            set(exodus_curl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent))
            // Refuses early when Content-Length already announces too much; the
            // write callback enforces the limit on the decoded bytes regardless.
            set(exodus_curl_setopt_offset(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes)))
            if let headerList {
                set(exodus_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList)))
            }
            set(exodus_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, bodyCallback))
            set(exodus_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
            set(exodus_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, headerCallback))
            set(exodus_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
            // Every connection, redirects included, is checked against the address policy.
            set(exodus_curl_guard_addresses(handle, guardStorage))
            guard setup == CURLE_OK else {
                return failure(setup, "could not configure the transfer: \(String(cString: exodus_curl_easy_strerror(setup)))")
            }

            let code = exodus_curl_easy_perform(handle)

            var status = 0
            var rawStatus = 0
            if exodus_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &rawStatus) == CURLE_OK { status = rawStatus }
            var urlPointer: UnsafeMutablePointer<CChar>? = nil
            var effectiveURL: String? = nil
            if exodus_curl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &urlPointer) == CURLE_OK, let urlPointer {
                effectiveURL = String(cString: urlPointer)
            }
            var typePointer: UnsafeMutablePointer<CChar>? = nil
            var contentType: String? = nil
            if exodus_curl_getinfo_string(handle, CURLINFO_CONTENT_TYPE, &typePointer) == CURLE_OK, let typePointer {
                contentType = String(cString: typePointer)
            }
            // libcurl understands both forms of Retry-After (seconds and HTTP date)
            // but reports 0 for "absent"; the captured headers tell the two apart.
            var retryAfter: Double? = nil
            if sink.headers["retry-after"] != nil {
                var seconds: curl_off_t = 0
                if exodus_curl_getinfo_offset(handle, CURLINFO_RETRY_AFTER, &seconds) == CURLE_OK {
                    retryAfter = Double(max(0, seconds))
                }
            }
            var errorText = String(cString: errorBuffer)
            if errorText.isEmpty { errorText = String(cString: exodus_curl_easy_strerror(code)) }
            return TransferResult(
                code: code, errorText: errorText, status: status, effectiveURL: effectiveURL,
                contentType: contentType, retryAfter: retryAfter, body: sink.body,
                overflowed: sink.overflowed, headers: sink.headers, refusedAddress: sink.refusedAddress)
        }
    }
}
