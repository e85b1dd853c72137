/// The service's default cut on `Departure.confidence`.
///
/// Rows below it are kept in the snapshot but left out of answers unless a client asks
/// for them (`min_confidence` on the API, `--min-confidence` on `exodus extract`). The
/// value is the one `make train` chose on the held-out calibration rounds (realistic text
/// scored by models trained without it): the lowest cut, in steps of 0.05, whose precision
/// reaches 0.93 (a one-standard-error Wilson lower bound, else as observed) while keeping half
/// the right rows, else the highest cut within 0.01 of the best F1, capped so that every right
/// row of the seed stays shown. A test keeps this constant equal to the one in the model file.
public enum Confidence {
    public static let defaultMinimum: Double = 0.6
}
