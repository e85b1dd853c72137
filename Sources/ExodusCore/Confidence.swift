/// The service's default cut on `Departure.confidence`.
///
/// Rows below it are kept in the snapshot but left out of answers unless a client asks
/// for them (`min_confidence` on the API, `--min-confidence` on `exodus extract`). The
/// value is the cut at which the trained row model's out-of-fold rows were right at least
/// nine times in ten (95 % Wilson lower bound); `make train` prints it, and a test keeps
/// this constant equal to the one recorded in the model file.
public enum Confidence {
    public static let defaultMinimum: Double = 0.5
}
