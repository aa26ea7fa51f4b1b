//! One error type for the HTTP edge, translated once into the calculation contract's error
//! object (`{"error": {"code", "field", "message"}}`) so that every endpoint, not only
//! `/api/v1/calc`, answers failures in the same shape. Internal causes are logged, never shown.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jamsos_rules::CalcError;
use serde::Serialize;
use utoipa::ToSchema;

/// The error object every API route answers with.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorObject {
    pub error: ErrorBody,
}

/// `code` is stable and machine-readable; `field` names the offending input when there is one.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// `invalid_input`, `missing_parameter`, `unauthorized`, `forbidden`, `not_found`,
    /// `conflict`, `rate_limited`, `payload_too_large`, `unavailable`, `internal`.
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub message: String,
}

/// A failure at the HTTP edge.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Calc(#[from] CalcError),
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("authentication required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests")]
    RateLimited,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("service unavailable: {0}")]
    Unavailable(&'static str),
    /// The cause is logged with the request id; the client sees only `internal`.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(cause.to_string())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Calc(_) | ApiError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn to_object(&self) -> ErrorObject {
        let simple = |code: &'static str, message: &str| ErrorBody {
            code,
            field: None,
            parameter: None,
            date: None,
            message: message.to_owned(),
        };
        let error = match self {
            ApiError::Calc(e) => {
                let o = e.to_object().error;
                ErrorBody {
                    code: o.code,
                    field: o.field,
                    parameter: o.parameter,
                    date: o.date.map(|d| d.to_string()),
                    message: o.message,
                }
            }
            ApiError::Invalid { field, message } => ErrorBody {
                code: "invalid_input",
                field: Some(field.clone()),
                parameter: None,
                date: None,
                message: message.clone(),
            },
            ApiError::Unauthorized => simple(
                "unauthorized",
                "sign in or send an API token (Authorization: Bearer …)",
            ),
            ApiError::Forbidden => simple("forbidden", "your role may not do this"),
            ApiError::NotFound => simple("not_found", "no such resource"),
            ApiError::Conflict(m) => simple("conflict", m),
            ApiError::RateLimited => simple("rate_limited", "too many requests; try again later"),
            ApiError::PayloadTooLarge => {
                simple("payload_too_large", "the request body is too large")
            }
            ApiError::Unavailable(m) => simple("unavailable", m),
            ApiError::Internal(_) => simple("internal", "internal error; see the server log"),
        };
        ErrorObject { error }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        (self.status(), Json(self.to_object())).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calc_errors_keep_the_contract_shape() {
        let e = ApiError::from(CalcError::invalid(
            "wage",
            "wage must be a positive whole number of rupiah",
        ));
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let json = serde_json::to_value(e.to_object()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"error": {"code": "invalid_input", "field": "wage",
                "message": "wage must be a positive whole number of rupiah"}})
        );
    }

    #[test]
    fn internal_causes_are_not_shown() {
        let e = ApiError::internal("database file /secret/path locked");
        let text = serde_json::to_string(&e.to_object()).unwrap();
        assert!(!text.contains("secret"), "{text}");
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
