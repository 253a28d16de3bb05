//! The two encodings browsers accept for the bundle: gzip level 9 and brotli quality 11.

use std::io::Write;

use crate::error::XtaskError;

/// `bytes` compressed with gzip, level 9.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, XtaskError> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    encoder.write_all(bytes).map_err(XtaskError::io("gzip"))?;
    encoder.finish().map_err(XtaskError::io("gzip"))
}

/// `bytes` compressed with brotli, quality 11 (window 2^22).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, XtaskError> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(XtaskError::io("brotli"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_encodings_round_trip() {
        let input = b"digibank ".repeat(1000);
        let gz = gzip(&input).unwrap_or_default();
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .unwrap_or_default();
        assert_eq!(decoded, input);
        let br = brotli(&input).unwrap_or_default();
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).unwrap_or_default();
        assert_eq!(decoded, input);
        assert!(
            br.len() < 200 && gz.len() < 200,
            "br {} gz {}",
            br.len(),
            gz.len()
        );
    }
}
