// Usage: HummingbirdPeer PORT BODY_FILE
// Serves BODY_FILE at GET /departures as application/json; prints one
// "listening" line when ready. Release build, default Hummingbird settings.
import Foundation
import Hummingbird
import NIOCore

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]),
    let data = FileManager.default.contents(atPath: arguments[2])
else {
    FileHandle.standardError.write("usage: HummingbirdPeer PORT BODY_FILE\n".data(using: .utf8)!)
    exit(2)
}
let body = ByteBuffer(bytes: data)

let router = Router()
router.get("/departures") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
}
router.get("/readyz") { _, _ in HTTPResponse.Status.ok }
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port)),
    onServerRunning: { _ in print("listening on \(port)") }
)
try await app.runService()
