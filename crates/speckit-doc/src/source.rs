//! Turning a file's bytes into document text.
//!
//! Real repositories hold files saved by every editor there is: a UTF-8 byte order mark, CRLF
//! line ends, a stray Windows-1252 byte, or a binary file with a `.md` name. Decoding never fails:
//! it always yields text to work on, plus the problem that was found, so the caller can report
//! the file as invalid and still show what else is wrong with it.

/// A file's text, ready for parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The decoded text, without a byte order mark. Empty for binary files.
    pub text: String,
    /// Whether the bytes began with a UTF-8 byte order mark (removed from `text`).
    pub had_bom: bool,
    /// What was wrong with the bytes, if anything.
    pub problem: Option<SourceProblem>,
}

/// Why a file's bytes are not clean UTF-8 text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceProblem {
    /// The bytes contain a NUL byte at `offset`: this is not a text file.
    Binary {
        /// Byte offset of the first NUL in the file.
        offset: usize,
    },
    /// The bytes are not valid UTF-8. Invalid sequences were replaced by U+FFFD.
    InvalidUtf8 {
        /// Byte offset in `text` where the first replacement character stands.
        offset: usize,
        /// The first byte that could not be decoded.
        byte: u8,
    },
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a file's bytes. Never fails; see [`Source::problem`].
#[must_use]
pub fn decode(mut bytes: Vec<u8>) -> Source {
    let had_bom = bytes.starts_with(BOM);
    if had_bom {
        bytes.drain(..BOM.len());
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Source {
            text: String::new(),
            had_bom,
            problem: Some(SourceProblem::Binary { offset }),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Source {
            text,
            had_bom,
            problem: None,
        },
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let byte = bytes.get(offset).copied().unwrap_or(0);
            Source {
                text: String::from_utf8_lossy(&bytes).into_owned(),
                had_bom,
                problem: Some(SourceProblem::InvalidUtf8 { offset, byte }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_removed_and_remembered() {
        let source = decode(b"\xEF\xBB\xBF---\nkey: v\n---\n".to_vec());
        assert!(source.had_bom);
        assert!(source.text.starts_with("---"));
        assert_eq!(source.problem, None);
    }

    #[test]
    fn windows_1252_byte_is_reported_where_it_stands() {
        let source = decode(b"it\x92s".to_vec());
        assert_eq!(
            source.problem,
            Some(SourceProblem::InvalidUtf8 {
                offset: 2,
                byte: 0x92
            })
        );
        assert_eq!(source.text, "it\u{FFFD}s");
    }

    #[test]
    fn nul_byte_means_binary() {
        let source = decode(b"\x89PNG\r\n\x1a\n\x00\x00".to_vec());
        assert_eq!(source.problem, Some(SourceProblem::Binary { offset: 8 }));
        assert!(source.text.is_empty());
    }
}
