//! The exact error bodies SFCC APIs return in the situations the inspector diagnoses
//! (REFERENCE.md §8), so the engineer can match what they saw. `…/` in the REFERENCE stands for
//! the RFC 7807 type prefix written out here in full.

/// An API error response as documented.
#[derive(Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The response body exactly as documented (`<uuid>` placeholders kept).
    pub body: &'static str,
    /// Where it is documented.
    pub source: &'static str,
}

/// Shopper API, expired, malformed, revoked or foreign-tenant shopper token.
pub const SHOPPER_UNAUTHORIZED: ApiError = ApiError {
    status: 401,
    body: r#"{"type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/unauthorized","title":"Unauthorized","detail":"Your shopper JWT is invalid and could not be used to identify the API client."}"#,
    source: "Shopper Context spec (commerce-sdk), 401 example",
};

/// Shopper API, valid token without a scope the operation accepts.
pub const SHOPPER_FORBIDDEN: ApiError = ApiError {
    status: 403,
    body: r#"{"type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/forbidden","title":"Forbidden","detail":"Your shopper JWT is valid, but you have no permissions to access the resource."}"#,
    source: "Shopper Context spec (commerce-sdk), 403 example; pwa-kit issue #1218",
};

/// Basket transfer/merge with a guest token.
pub const GUEST_NO_PREVIOUS_CUSTOMER: ApiError = ApiError {
    status: 403,
    body: r#"{"title":"Forbidden","type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/forbidden","detail":"Your access-token is valid, but it contains no previous customer to process this action."}"#,
    source: "Shopper Baskets spec, transferBasket / mergeBasket",
};

/// `customerId` in the URL is not the token's customer.
pub const INVALID_CUSTOMER: ApiError = ApiError {
    status: 400,
    body: r#"{"title":"Invalid Customer","type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/invalid-customer","detail":"CustomerId URL parameter does not match the verified customer represented by the JWT token."}"#,
    source: "Shopper Customers spec",
};

/// Admin API, invalid or expired Account Manager token.
pub const ADMIN_INVALID_TOKEN: ApiError = ApiError {
    status: 401,
    body: r#"{"title":"Invalid Access Token","type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/invalid-access-token","detail":"The request is unauthorized, the access token is invalid.","accessToken":"<part of the token>"}"#,
    source: "Catalogs, Products, Customers, Preferences specs",
};

/// SLAS Admin with a tenant the token cannot access.
pub const SLAS_ADMIN_TENANT: ApiError = ApiError {
    status: 401,
    body: r#"{"type":"TenantException","title":"Unable to retrieve resource because the tenant id was invalid","detail":"Tenant id is invalid"}"#,
    source: "SLAS Admin spec",
};
