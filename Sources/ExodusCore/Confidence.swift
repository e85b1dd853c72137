/// The service's default cut on `Departure.confidence`.
///
/// Rows below it are kept in the snapshot but left out of answers unless a client asks
/// for them (`min_confidence` on the API, `--min-confidence` on `exodus extract`). The
/// value is the one `make train` chose on the held-out calibration rounds (realistic text
/// neither model trains on): the lowest cut whose precision reaches 0.9 (95 % Wilson lower
/// bound, else as observed) while keeping half the right rows, else the highest cut within
/// 0.01 of the best F1. A test keeps this constant equal to the one recorded in the model file.
public enum Confidence {
    public static let defaultMinimum: Double = 0.8
}
