package io.loadstack.support.mfa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The bodies of the second factor's endpoints (README, "Second factor"). */
public final class MfaMessages {

    private MfaMessages() {
    }

    /** The answer to a right password when a code (or an enrollment) must follow; no access token in it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Challenge(@JsonProperty("mfa_required") boolean mfaRequired,
                            @JsonProperty("mfa_enrollment_required") @Nullable Boolean enrollmentRequired,
                            @JsonProperty("mfa_token") String mfaToken,
                            @JsonProperty("expires_in") long expiresIn) {
    }

    /** {@code POST /auth/mfa}: the token of the password step and a TOTP or recovery code. */
    @Serdeable
    public record CodeRequest(@JsonProperty("mfa_token") @NotBlank @Size(max = 128) String mfaToken,
                              @NotBlank @Size(max = 64) String code) {
    }

    /** {@code POST /auth/mfa/enroll}: the token of the password step, when the policy requires a factor. */
    @Serdeable
    public record TokenRequest(@JsonProperty("mfa_token") @NotBlank @Size(max = 128) String mfaToken) {
    }

    /** A new secret, as text, as an otpauth:// URI and as that URI's QR code (inline SVG). */
    @Serdeable
    public record Enrollment(String secret, String otpauthUri, String qrSvg, String algorithm, int digits,
                             int period) {
    }

    /** {@code POST /api/user/mfa/confirm}. */
    @Serdeable
    public record ConfirmRequest(@NotBlank @Size(max = 64) String code) {
    }

    /** Shown once: only their hashes are kept. */
    @Serdeable
    public record RecoveryCodes(List<String> recoveryCodes) {
    }

    /** {@code DELETE /api/user/mfa}: turning the factor off takes the password and a code. */
    @Serdeable
    public record DisableRequest(@NotBlank @Size(max = 256) String password, @NotBlank @Size(max = 64) String code) {
    }

    /** The end of an enrollment the policy required at sign-in: the usual login answer plus the recovery codes. */
    @Serdeable
    public record EnrolledSignIn(@JsonProperty("access_token") String accessToken,
                                 @JsonProperty("token_type") String tokenType,
                                 @JsonProperty("expires_in") int expiresIn,
                                 String username,
                                 List<String> roles,
                                 List<String> recoveryCodes) {
    }
}
