package io.loadstack.support.login;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;

import java.util.Optional;

/**
 * A JWT stays valid until it expires, but an account removed since it was issued must lose access at once
 * (an admin removed by another keeps no way to manage anything). After the token has been checked, the
 * account it names is looked up; gone, or replaced by a new account of the same name, the request is 401.
 * An authentication that is no account's (a machine's token, checked on every request by its own fetcher)
 * carries the attribute {@value #NOT_AN_ACCOUNT} and is left alone.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(beans = LoginAccounts.class)
public class RemovedAccountFilter implements Ordered {

    static final String ACCOUNT_ID_CLAIM = "uid";
    public static final String NOT_AN_ACCOUNT = "notAnAccount";

    private final LoginAccounts accounts;

    public RemovedAccountFilter(LoginAccounts accounts) {
        this.accounts = accounts;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<ErrorBody> rejectTokensOfRemovedAccounts(HttpRequest<?> request) {
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty() || Boolean.TRUE.equals(authentication.get().getAttributes().get(NOT_AN_ACCOUNT))) {
            return null;
        }
        Optional<LoginAccounts.LoginAccount> account = accounts.find(authentication.get().getName());
        Object tokenAccountId = authentication.get().getAttributes().get(ACCOUNT_ID_CLAIM);
        boolean sameAccount = account.isPresent() && (!(tokenAccountId instanceof Number id)
                || id.longValue() == account.get().id());
        if (sameAccount) {
            return null;
        }
        return HttpResponse.<ErrorBody>unauthorized().body(ErrorBody.of(401, "this user no longer exists"));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
