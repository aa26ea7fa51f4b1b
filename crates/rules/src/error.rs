//! Errors of the rules layer. They map one-to-one onto the calculation contract's error object
//! (`{"error": {"code", "field", "message"}}`) at the edges.

use jiff::civil::Date;
use serde::Serialize;

/// Why a calculation produced no result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalcError {
    /// The scenario is malformed: which field, and why. Exit status 2, HTTP 422.
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },
    /// A rule needs a value the parameter set does not hold for the date (regulations.md,
    /// Decisions 2). The caller may supply it as an override. Exit status 3, HTTP 422.
    #[error("no value for parameter {parameter} on {date}: {message}")]
    MissingParameter {
        parameter: String,
        date: Date,
        message: String,
    },
}

impl CalcError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> CalcError {
        CalcError::InvalidInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The contract's `code`.
    pub fn code(&self) -> &'static str {
        match self {
            CalcError::InvalidInput { .. } => "invalid_input",
            CalcError::MissingParameter { .. } => "missing_parameter",
        }
    }

    /// The process exit status the contract assigns to this error.
    pub fn exit_status(&self) -> i32 {
        match self {
            CalcError::InvalidInput { .. } => 2,
            CalcError::MissingParameter { .. } => 3,
        }
    }

    /// The contract's error object, ready to serialize.
    pub fn to_object(&self) -> ErrorObject {
        let body = match self {
            CalcError::InvalidInput { field, message } => ErrorBody {
                code: self.code(),
                field: Some(field.clone()),
                parameter: None,
                date: None,
                message: message.clone(),
            },
            CalcError::MissingParameter {
                parameter,
                date,
                message,
            } => ErrorBody {
                code: self.code(),
                field: None,
                parameter: Some(parameter.clone()),
                date: Some(*date),
                message: message.clone(),
            },
        };
        ErrorObject { error: body }
    }
}

/// `{"error": {...}}` as the contract prints it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorObject {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorBody {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub message: String,
}
