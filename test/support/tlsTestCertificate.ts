/**
 * A self-signed certificate for localhost, 127.0.0.1 and ::1, for TLS servers in tests and the
 * benchmark only. Generated once (2026-12-02, valid 100 years) with OpenSSL 3.0:
 *
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem \
 *     -out cert.pem -days 36500 -subj "/CN=localhost" \
 *     -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"
 *
 * Checked in so the tests need no OpenSSL and stay the same on every machine (Node cannot make
 * certificates). Nothing but a test's own client trusts it (passed as `ca`); the key protects nothing.
 */

export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBrTCCAVSgAwIBAgIUPWtnitt8rnQ5rZ9xgVh+ojXXW8MwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMjA3MzE1NloYDzIxMjYxMTA4
MDczMTU2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASSsF6TbYVQp345Qzs3g/+Ax2M0kR1qSRFp41qkDySmT4EVym9nBn/W
89ga59c64OnXCvpjyW2hEm9OLHfOwRO2o4GBMH8wHQYDVR0OBBYEFMptBdBSteks
URZYFyFtse45nNt6MB8GA1UdIwQYMBaAFMptBdBSteksURZYFyFtse45nNt6MA8G
A1UdEwEB/wQFMAMBAf8wLAYDVR0RBCUwI4IJbG9jYWxob3N0hwR/AAABhxAAAAAA
AAAAAAAAAAAAAAABMAoGCCqGSM49BAMCA0cAMEQCIFIrOeMbYbHB1Z0UZAAWWQnD
eTlG/NYkLCJBIsAtjD3wAiBqDby7ikmei7yTZ2J47IMvK9jYOJL1iJGZMxWcDkgw
3w==
-----END CERTIFICATE-----
`;

export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgeKjliG5e++4VhdIS
3IAGhXNwf4aw/f15tTy9cAzbtn6hRANCAASSsF6TbYVQp345Qzs3g/+Ax2M0kR1q
SRFp41qkDySmT4EVym9nBn/W89ga59c64OnXCvpjyW2hEm9OLHfOwRO2
-----END PRIVATE KEY-----
`;
