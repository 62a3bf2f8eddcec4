#include "auth/auth_service.h"

#include <algorithm>
#include <utility>

#include "auth/secrets.h"
#include "common/identity.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/page.h"
#include "common/secure_compare.h"
#include "common/sha256.h"
#include "common/time.h"
#include "common/validation.h"

namespace cairn::auth {
namespace {

constexpr std::string_view kReservedNames[] = {"anonymous", "cairn", "cairn-cli"};

Status ValidateDisplayName(const std::string& name) {
  if (name.size() > kMaxDisplayNameLength) {
    return validation::FieldInvalid("display_name", "must be at most 200 bytes");
  }
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      return validation::FieldInvalid("display_name", "must not contain control characters");
  }
  return Status::Ok();
}

audit::Entry Audit(int64_t at, std::string actor, std::string action, std::string type,
                   std::string id) {
  audit::Entry e;
  e.at = at;
  e.actor = std::move(actor);
  e.action = std::move(action);
  e.resource_type = std::move(type);
  e.resource_id = std::move(id);
  return e;
}

bool IsAdmin(const Principal& p) { return p.role == Role::kAdmin; }

}  // namespace

AuthService::AuthService(std::unique_ptr<AuthStore> store, audit::AuditStore& audit_store,
                         AuthOptions options)
    : store_(std::move(store)),
      options_(options),
      clock_(options_.clock != nullptr ? *options_.clock : Clock::System()),
      hasher_(options_.scrypt, options_.max_concurrent_hashes),
      cache_(options_.cache_ttl_ms, options_.cache_max_entries),
      login_user_(options_.login_per_user),
      login_address_(options_.login_per_address),
      requests_(options_.requests),
      events_(audit_store, options_.events, clock_) {}

AuthService::~AuthService() { Stop(); }

void AuthService::Stop() { events_.Stop(); }

void AuthService::RecordEvent(audit::Entry entry) { events_.Record(std::move(entry)); }

void AuthService::FlushEvents() { events_.Flush(); }

int64_t AuthService::TouchInterval() const {
  return std::max<int64_t>(1, std::min(options_.touch_interval_ms, options_.session_idle_ms / 4));
}

Status AuthService::ValidatePassword(const std::string& password) const {
  if (password.size() < kMinPasswordLength) {
    return validation::FieldInvalid("password", "must be at least 12 characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return validation::FieldInvalid("password", "must be at most 1024 bytes");
  }
  return Status::Ok();
}

// ---- users ---------------------------------------------------------------------------------

Result<User> AuthService::CreateUser(const CreateUserRequest& request, const std::string& actor) {
  auto name = NormalizeIdentity(request.name);
  if (!name.ok()) return validation::FieldInvalid("name", name.status().message());
  for (std::string_view reserved : kReservedNames) {
    if (*name == reserved) return validation::FieldInvalid("name", "'" + *name + "' is reserved");
  }
  RETURN_IF_ERROR(ValidateDisplayName(request.display_name));
  if (!request.role)
    return validation::FieldInvalid("role", "is required (viewer, editor, approver or admin)");
  RETURN_IF_ERROR(ValidatePassword(request.password));
  ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(request.password));
  int64_t now = Now();
  UserRecord r;
  r.user.name = *name;
  r.user.display_name = request.display_name;
  r.user.role = *request.role;
  r.user.created_by = actor;
  r.user.created_at = now;
  r.user.updated_at = now;
  r.user.revision = 1;
  r.password_hash = std::move(hash);
  r.password_changed_at = now;
  audit::Entry a = Audit(now, actor, "user.create", "user", r.user.name);
  a.summary["role"] = std::string(RoleName(r.user.role));
  RETURN_IF_ERROR(store_->CreateUser(r, a));
  return r.user;
}

Result<User> AuthService::GetUser(const std::string& name) {
  auto canonical = NormalizeIdentity(name);
  if (!canonical.ok()) return NotFound("user '" + name + "' not found");
  ASSIGN_OR_RETURN(UserRecord r, store_->GetUser(*canonical));
  return r.user;
}

Result<UserPage> AuthService::ListUsers(std::optional<int64_t> limit,
                                        const std::string& page_token) {
  ASSIGN_OR_RETURN(int n, PageLimit(limit));
  return store_->ListUsers(n, page_token);
}

Result<User> AuthService::UpdateUser(const std::string& name, const UserChange& change,
                                     std::optional<int64_t> expected_revision,
                                     const std::string& actor) {
  auto canonical = NormalizeIdentity(name);
  if (!canonical.ok()) return NotFound("user '" + name + "' not found");
  if (change.display_name) RETURN_IF_ERROR(ValidateDisplayName(*change.display_name));
  int64_t now = Now();
  audit::Entry a = Audit(now, actor, "user.update", "user", *canonical);
  if (change.role) a.summary["role"] = std::string(RoleName(*change.role));
  if (change.disabled) a.summary["disabled"] = std::string(*change.disabled ? "true" : "false");
  if (change.display_name) a.summary["display_name"] = *change.display_name;
  ASSIGN_OR_RETURN(User user, store_->UpdateUser(*canonical, change, expected_revision, now, a));
  // A lower role or a disabled account must take effect now on this replica (other replicas:
  // within the cache TTL).
  cache_.EraseIf([&](const CachedCredential& c) { return c.user_name == user.name; });
  return user;
}

Status AuthService::SetPassword(const std::string& name, const std::string& password,
                                const std::string& actor) {
  auto canonical = NormalizeIdentity(name);
  if (!canonical.ok()) return NotFound("user '" + name + "' not found");
  RETURN_IF_ERROR(ValidatePassword(password));
  ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(password));
  int64_t now = Now();
  RETURN_IF_ERROR(store_->SetPasswordHash(
      *canonical, hash, now, Audit(now, actor, "user.set_password", "user", *canonical)));
  cache_.EraseIf(
      [&](const CachedCredential& c) { return c.is_session && c.user_name == *canonical; });
  return Status::Ok();
}

Status AuthService::ChangeOwnPassword(const Principal& caller, const std::string& current,
                                      const std::string& replacement) {
  if (caller.method != AuthMethod::kToken && caller.method != AuthMethod::kSession) {
    return PermissionDenied("only a signed-in user can change their password");
  }
  auto stored = store_->GetUser(caller.name);
  if (!stored.ok()) {
    if (stored.status().code() == StatusCode::kNotFound) {
      return PermissionDenied("the current password is wrong");
    }
    return stored.status();
  }
  ASSIGN_OR_RETURN(bool matches, hasher_.Verify(current, stored->password_hash));
  if (!matches) return PermissionDenied("the current password is wrong");
  RETURN_IF_ERROR(ValidatePassword(replacement));
  ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(replacement));
  int64_t now = Now();
  RETURN_IF_ERROR(store_->SetPasswordHash(
      caller.name, hash, now,
      Audit(now, caller.name, "user.change_password", "user", caller.name)));
  cache_.EraseIf(
      [&](const CachedCredential& c) { return c.is_session && c.user_name == caller.name; });
  return Status::Ok();
}

Result<int64_t> AuthService::CountUsers() { return store_->CountUsers(); }

// ---- tokens --------------------------------------------------------------------------------

Result<CreatedToken> AuthService::CreateToken(const CreateTokenRequest& request,
                                              const Principal& caller) {
  std::string owner_name = caller.name;
  if (request.user) {
    auto n = NormalizeIdentity(*request.user);
    if (!n.ok()) return validation::FieldInvalid("user", n.status().message());
    owner_name = std::move(*n);
  }
  const bool for_self = owner_name == caller.name;
  if (!for_self && !IsAdmin(caller)) {
    return PermissionDenied("only an admin may create tokens for another user");
  }
  if (!IsValidName(request.name)) {
    return validation::FieldInvalid("name", validation::kNameRule);
  }
  int64_t now = Now();
  int set = (request.expires_at ? 1 : 0) + (request.expires_in_ms ? 1 : 0) +
            (request.never_expires ? 1 : 0);
  if (set > 1)
    return validation::FieldInvalid("expires_at", "give at most one of expires_at and expires_in");
  std::optional<int64_t> expires_at;
  if (request.expires_at) {
    if (*request.expires_at <= now)
      return validation::FieldInvalid("expires_at", "must be in the future");
    expires_at = *request.expires_at;
  } else if (request.expires_in_ms) {
    expires_at = now + *request.expires_in_ms;
  } else if (!request.never_expires) {
    expires_at = now + options_.default_token_lifetime_ms;
  }

  auto owner = store_->GetUser(owner_name);
  if (!owner.ok()) {
    if (owner.status().code() == StatusCode::kNotFound) {
      return NotFound("user '" + owner_name + "' not found");
    }
    return owner.status();
  }
  if (owner->user.disabled) {
    return FailedPrecondition("user '" + owner_name + "' is disabled");
  }
  // The most this caller may grant: the owner's role, and for one's own tokens also the role the
  // caller is acting with (a viewer-scoped token of an admin cannot mint an admin token).
  Role ceiling = for_self ? MinRole(owner->user.role, caller.role) : owner->user.role;
  Role role = request.role.value_or(ceiling);
  if (!RoleIncludes(ceiling, role)) {
    return PermissionDenied("a token's role cannot exceed '" + std::string(RoleName(ceiling)) +
                            "' here (the owner's role" +
                            std::string(for_self ? ", and the caller's" : "") + ")");
  }

  ASSIGN_OR_RETURN(std::string secret, NewTokenSecret());
  Token t;
  t.id = NewUuid();
  t.name = request.name;
  t.user_name = owner_name;
  t.role = role;
  t.prefix = secret.substr(0, kTokenDisplayPrefix);
  t.created_by = caller.name;
  t.created_at = now;
  t.expires_at = expires_at;
  audit::Entry a = Audit(now, caller.name, "token.create", "token", t.id);
  a.summary["name"] = t.name;
  a.summary["owner"] = t.user_name;
  a.summary["role"] = std::string(RoleName(t.role));
  if (t.expires_at) a.summary["expires_at"] = FormatRfc3339(*t.expires_at);
  RETURN_IF_ERROR(store_->CreateToken(t, Sha256Hex(secret), a));
  return CreatedToken{std::move(t), std::move(secret)};
}

Result<TokenPage> AuthService::ListTokens(std::optional<std::string> user, bool include_revoked,
                                          std::optional<int64_t> limit,
                                          const std::string& page_token, const Principal& caller) {
  TokenQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(limit));
  q.include_revoked = include_revoked;
  q.page_token = page_token;
  if (user) {
    auto n = NormalizeIdentity(*user);
    if (!n.ok()) return validation::FieldInvalid("user", n.status().message());
    q.user_name = std::move(*n);
  }
  if (!IsAdmin(caller)) {
    if (q.user_name && *q.user_name != caller.name) {
      return PermissionDenied("only an admin may list another user's tokens");
    }
    q.user_name = caller.name;
  }
  return store_->ListTokens(q);
}

Result<Token> AuthService::VisibleToken(const std::string& id, const Principal& caller) {
  auto t = store_->GetToken(id);
  if (!t.ok()) return t.status();
  if (!IsAdmin(caller) && t->user_name != caller.name) {
    return NotFound("token '" + id + "' not found");
  }
  return t;
}

Result<Token> AuthService::GetToken(const std::string& id, const Principal& caller) {
  return VisibleToken(id, caller);
}

Result<Token> AuthService::RevokeToken(const std::string& id, const Principal& caller) {
  ASSIGN_OR_RETURN(Token t, VisibleToken(id, caller));
  if (t.revoked_at) return t;
  int64_t now = Now();
  audit::Entry a = Audit(now, caller.name, "token.revoke", "token", id);
  a.summary["owner"] = t.user_name;
  a.summary["name"] = t.name;
  ASSIGN_OR_RETURN(Token revoked, store_->RevokeToken(id, caller.name, now, a));
  cache_.EraseIf([&](const CachedCredential& c) { return !c.is_session && c.id == id; });
  return revoked;
}

// ---- sessions ------------------------------------------------------------------------------

void AuthService::RecordLoginFailure(const std::string& user, const std::string& address,
                                     std::string_view reason) {
  int64_t now = Now();
  login_user_.Record(user, now);
  if (!address.empty()) login_address_.Record(address, now);
  audit::Entry e = Audit(now, user, "auth.login_failed", "user", user);
  e.summary["reason"] = std::string(reason);
  if (!address.empty()) e.summary["remote_address"] = address;
  e.auth_method = "password";
  events_.Record(std::move(e));
}

LoginOutcome AuthService::Login(const LoginRequest& request) {
  LoginOutcome out;
  int64_t now = Now();
  // An invalid name is still a login attempt: it counts against the address, and against a
  // placeholder user key so it cannot be used to skip the per-user limit.
  auto canonical = NormalizeIdentity(request.user);
  const std::string user_key = canonical.ok() ? *canonical : std::string("anonymous");
  int64_t wait = std::max(login_user_.BlockedForMs(user_key, now),
                          request.remote_address.empty()
                              ? int64_t{0}
                              : login_address_.BlockedForMs(request.remote_address, now));
  if (wait > 0) {
    out.status = RateLimited("too many failed sign-in attempts; try again later");
    out.retry_after_ms = wait;
    return out;
  }
  if (request.password.size() > kMaxPasswordLength) {
    out.status = validation::FieldInvalid("password", "must be at most 1024 bytes");
    return out;
  }
  const Status refused = Unauthenticated("invalid user name or password");
  if (!canonical.ok()) {
    if (Status st = hasher_.VerifyDummy(request.password); !st.ok()) {
      out.status = st;
      out.retry_after_ms = 1000;
      return out;
    }
    RecordLoginFailure(user_key, request.remote_address, "invalid_user_name");
    out.status = refused;
    return out;
  }
  auto stored = store_->GetUser(*canonical);
  if (!stored.ok() && stored.status().code() != StatusCode::kNotFound) {
    out.status = stored.status();
    return out;
  }
  if (!stored.ok() || stored->user.disabled) {
    if (Status st = hasher_.VerifyDummy(request.password); !st.ok()) {
      out.status = st;
      out.retry_after_ms = 1000;
      return out;
    }
    RecordLoginFailure(user_key, request.remote_address,
                       stored.ok() ? "disabled_user" : "unknown_user");
    out.status = refused;
    return out;
  }
  auto matches = hasher_.Verify(request.password, stored->password_hash);
  if (!matches.ok()) {
    out.status = matches.status();
    out.retry_after_ms = 1000;
    return out;
  }
  if (!*matches) {
    RecordLoginFailure(user_key, request.remote_address, "wrong_password");
    out.status = refused;
    return out;
  }
  login_user_.Clear(user_key);

  auto secret = RandomSecret();
  if (!secret.ok()) {
    out.status = secret.status();
    return out;
  }
  now = Now();
  LoginSuccess s;
  s.user = stored->user;
  s.session.id = NewUuid();
  s.session.user_name = s.user.name;
  s.session.created_at = now;
  s.session.last_seen_at = now;
  s.session.expires_at = now + options_.session_lifetime_ms;
  s.secret = std::move(*secret);
  s.csrf_token = CsrfTokenFor(s.secret);
  audit::Entry a = Audit(now, s.user.name, "auth.login", "session", s.session.id);
  if (!request.remote_address.empty()) a.summary["remote_address"] = request.remote_address;
  a.auth_method = "password";
  a.session_id = s.session.id;
  Status created =
      store_->CreateSession(s.session, Sha256Hex(s.secret), now - options_.session_idle_ms, a);
  if (!created.ok()) {
    out.status = created;
    return out;
  }
  out.success = std::move(s);
  return out;
}

Status AuthService::Logout(const Principal& caller) {
  if (caller.method != AuthMethod::kSession || caller.session_id.empty()) return Status::Ok();
  audit::Entry a = Audit(Now(), caller.name, "auth.logout", "session", caller.session_id);
  RETURN_IF_ERROR(store_->DeleteSession(caller.session_id, a));
  cache_.EraseIf(
      [&](const CachedCredential& c) { return c.is_session && c.id == caller.session_id; });
  return Status::Ok();
}

// ---- checks --------------------------------------------------------------------------------

CredentialCheck AuthService::CheckToken(std::string_view presented) {
  CredentialCheck out;
  if (!LooksLikeToken(presented)) {
    out.state = CredentialState::kMalformed;
    return out;
  }
  const int64_t now = Now();
  const std::string digest = RawSha256(presented);
  std::optional<CachedCredential> entry = cache_.Get(digest, now);
  if (!entry) {
    const std::string hex = Hex(digest);
    auto found = store_->FindToken(hex);
    if (!found.ok()) {
      log::Error("token check failed: " + std::string(StatusCodeName(found.status().code())));
      out.state = CredentialState::kUnavailable;
      return out;
    }
    if (!*found || !ConstantTimeEquals((*found)->secret_sha256, hex)) {
      out.state = CredentialState::kUnknown;
      return out;
    }
    const TokenCredential& c = **found;
    out.token_id = c.token.id;
    if (c.token.revoked_at) {
      out.state = CredentialState::kRevoked;
      return out;
    }
    if (c.owner.disabled) {
      out.state = CredentialState::kDisabled;
      return out;
    }
    CachedCredential fresh;
    fresh.is_session = false;
    fresh.id = c.token.id;
    fresh.user_name = c.owner.name;
    fresh.role = MinRole(c.token.role, c.owner.role);
    fresh.expires_at = c.token.expires_at;
    fresh.last_seen_at = c.token.last_used_at.value_or(0);
    fresh.fetched_at = now;
    entry = fresh;
    if (!fresh.expires_at || now < *fresh.expires_at) cache_.Put(digest, std::move(fresh));
  }
  out.token_id = entry->id;
  if (entry->expires_at && now >= *entry->expires_at) {
    cache_.Erase(digest);
    out.state = CredentialState::kExpired;
    return out;
  }
  if (now - entry->last_seen_at >= options_.touch_interval_ms) {
    // Bookkeeping only: a failure here must not fail the request.
    if (Status st = store_->TouchToken(entry->id, now); st.ok()) {
      cache_.SetLastSeen(digest, now);
    }
  }
  if (int64_t wait = requests_.Take("t:" + entry->id, now); wait > 0) {
    out.state = CredentialState::kRateLimited;
    out.retry_after_ms = wait;
    return out;
  }
  out.state = CredentialState::kOk;
  out.principal = Principal{entry->user_name, entry->role, AuthMethod::kToken, entry->id, {}};
  return out;
}

CredentialCheck AuthService::CheckSession(std::string_view secret) {
  CredentialCheck out;
  if (!LooksLikeSessionSecret(secret)) {
    out.state = CredentialState::kMalformed;
    return out;
  }
  const int64_t now = Now();
  const std::string digest = RawSha256(secret);
  std::optional<CachedCredential> entry = cache_.Get(digest, now);
  // A cached entry that looks idle may have been refreshed by another replica: ask storage.
  if (entry && now - entry->last_seen_at >= options_.session_idle_ms) entry.reset();
  if (!entry) {
    const std::string hex = Hex(digest);
    auto found = store_->FindSession(hex);
    if (!found.ok()) {
      log::Error("session check failed: " + std::string(StatusCodeName(found.status().code())));
      out.state = CredentialState::kUnavailable;
      return out;
    }
    if (!*found || !ConstantTimeEquals((*found)->secret_sha256, hex)) {
      out.state = CredentialState::kUnknown;
      return out;
    }
    const SessionCredential& c = **found;
    if (c.user.disabled) {
      out.state = CredentialState::kDisabled;
      return out;
    }
    CachedCredential fresh;
    fresh.is_session = true;
    fresh.id = c.session.id;
    fresh.user_name = c.user.name;
    fresh.role = c.user.role;
    fresh.expires_at = c.session.expires_at;
    fresh.last_seen_at = c.session.last_seen_at;
    fresh.fetched_at = now;
    entry = fresh;
    cache_.Put(digest, std::move(fresh));
  }
  if ((entry->expires_at && now >= *entry->expires_at) ||
      now - entry->last_seen_at >= options_.session_idle_ms) {
    cache_.Erase(digest);
    out.state = CredentialState::kExpired;
    return out;
  }
  if (now - entry->last_seen_at >= TouchInterval()) {
    if (Status st = store_->TouchSession(entry->id, now); st.ok()) {
      cache_.SetLastSeen(digest, now);
    }
  }
  if (int64_t wait = requests_.Take("s:" + entry->id, now); wait > 0) {
    out.state = CredentialState::kRateLimited;
    out.retry_after_ms = wait;
    return out;
  }
  out.state = CredentialState::kOk;
  out.principal = Principal{entry->user_name, entry->role, AuthMethod::kSession, {}, entry->id};
  out.csrf_token = CsrfTokenFor(secret);
  return out;
}

}  // namespace cairn::auth
