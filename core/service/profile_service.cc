#include "core/service/profile_service.h"

#include <chrono>

#include "core/crypto/sha256.h"
#include "core/crypto/verification_token.h"

namespace profilegw::core {
namespace {

using boost::asio::awaitable;

CallContext context_for(const ProfileRequest& r) {
  CallContext ctx;
  ctx.paths = &r.tenant->paths;
  ctx.provider = r.tenant->provider;
  ctx.customer_id = r.customer_id;
  return ctx;
}

Problem mapping_problem(Problem p, const ProfileRequest& r) {
  if (p.code == ProblemCode::kUpstreamBadResponse && r.stats) r.stats->mapping_failed = true;
  return p;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The document and its ETag, from answer.profile: the one serialisation of the profile per call.
void seal(ProfileAnswer& answer) {
  answer.document.clear();
  write_profile_json(answer.profile, answer.document);
  answer.etag = document_etag(answer.document);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool if_match_satisfied(std::string_view if_match, std::string_view etag) {
  std::string_view rest = if_match;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (item == "*") return true;
    // A weak validator never matches under If-Match's strong comparison (RFC 9110 13.1.1),
    // but clients that copy a W/ prefix mean the same representation: compare the opaque part.
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

std::string customer_authorization(CustomerAuthScheme scheme, std::string_view token) {
  switch (scheme) {
    case CustomerAuthScheme::kBearer: return "Bearer " + std::string(token);
    case CustomerAuthScheme::kToken: return "Token " + std::string(token);
    case CustomerAuthScheme::kNone: return {};
  }
  return {};
}

awaitable<Result<UpstreamResponse>> ProfileService::send(const ProfileRequest& r, const UpstreamRequest& req) {
  const std::string authorization =
      r.customer_token.empty() ? std::string() : customer_authorization(r.tenant->customer_auth, r.customer_token);
  upstream::CallHeaders headers;
  headers.authorization = authorization;
  headers.request_id = r.request_id;
  headers.accept_language = r.accept_language;
  const auto started = std::chrono::steady_clock::now();
  upstream::SendReport* report = r.stats != nullptr ? &r.stats->upstream : nullptr;
  Result<UpstreamResponse> result = co_await client_.send(r.tenant->upstream, req, headers, r.deadline, report);
  if (r.stats) {
    r.stats->upstream_calls += 1;
    r.stats->upstream_time +=
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    if (result.ok()) r.stats->upstream_status = result.value().status;
  }
  co_return result;
}

awaitable<Result<CurrentRecord>> ProfileService::read_current(const ProfileRequest& r, UpstreamResponse& raw) {
  const Adapter& adapter = *r.tenant->adapter;
  const CallContext ctx = context_for(r);
  // Named, not a temporary inside co_await: GCC 12 mis-handles temporaries bound across a suspension.
  const UpstreamRequest request = adapter.read_request(ctx);
  Result<UpstreamResponse> response = co_await send(r, request);
  if (!response.ok()) co_return std::move(response).problem();
  raw = std::move(response).value();
  Result<Profile> profile = adapter.parse_read(ctx, raw);
  if (!profile.ok()) co_return mapping_problem(std::move(profile).problem(), r);
  CurrentRecord current;
  current.profile = std::move(profile).value();
  current.raw = &raw;
  co_return current;
}

awaitable<Result<ProfileAnswer>> ProfileService::read(const ProfileRequest& r) {
  UpstreamResponse raw;
  Result<CurrentRecord> current = co_await read_current(r, raw);
  if (!current.ok()) co_return std::move(current).problem();
  ProfileAnswer answer;
  answer.profile = std::move(current.value().profile);
  seal(answer);
  co_return answer;
}

awaitable<Result<ProfileAnswer>> ProfileService::update(const ProfileRequest& r, const ProfilePatch& patch) {
  const Adapter& adapter = *r.tenant->adapter;
  const CallContext ctx = context_for(r);
  // Gateway-side rules first: a patch the backend would refuse costs no upstream call.
  if (std::optional<Problem> bad = adapter.check_patch(patch)) co_return std::move(*bad);

  const bool want_current = adapter.needs_current(patch) || !r.if_match.empty() || patch.empty();
  UpstreamResponse raw;
  std::optional<CurrentRecord> current;
  if (want_current) {
    Result<CurrentRecord> got = co_await read_current(r, raw);
    if (!got.ok()) co_return std::move(got).problem();
    current = std::move(got).value();
    // If-Match is checked against the record as it stands now, just before the write.
    if (!r.if_match.empty() && !if_match_satisfied(r.if_match, profile_etag(current->profile))) {
      co_return Problem::make(ProblemCode::kPreconditionFailed,
                              "If-Match does not match the current profile's ETag");
    }
    if (patch.empty()) {
      ProfileAnswer answer;
      answer.profile = std::move(current->profile);
      seal(answer);
      co_return answer;
    }
  }

  const CurrentRecord* current_ptr = current ? &*current : nullptr;
  Result<UpdatePlan> plan = adapter.plan_update(ctx, patch, current_ptr);
  if (!plan.ok()) co_return std::move(plan).problem();

  std::vector<UpstreamResponse> responses;
  responses.reserve(plan.value().steps.size());
  for (std::size_t i = 0; i < plan.value().steps.size(); ++i) {
    const UpstreamRequest& step = plan.value().steps[i];
    Result<UpstreamResponse> response = co_await send(r, step);
    if (!response.ok()) co_return std::move(response).problem();
    if (std::optional<Problem> bad = adapter.check_step(ctx, plan.value(), i, response.value())) {
      co_return mapping_problem(std::move(*bad), r);
    }
    responses.push_back(std::move(response).value());
  }

  Result<UpdateOutcome> outcome = adapter.finish_update(ctx, patch, current_ptr, responses);
  if (!outcome.ok()) co_return mapping_problem(std::move(outcome).problem(), r);

  ProfileAnswer answer;
  if (outcome.value().profile && !outcome.value().reread) {
    answer.profile = std::move(*outcome.value().profile);
  } else {
    UpstreamResponse reread_raw;
    Result<CurrentRecord> after = co_await read_current(r, reread_raw);
    if (!after.ok()) co_return std::move(after).problem();
    answer.profile = std::move(after.value().profile);
  }
  seal(answer);

  if (outcome.value().verification) {
    const PendingVerification& pending = *outcome.value().verification;
    crypto::VerificationClaims claims;
    claims.tenant_id = r.tenant->id;
    claims.credential_hash = crypto::credential_hash(r.customer_token);
    claims.type = pending.type;
    claims.value = pending.value;  // unified form (E.164 phone or e-mail); the adapter splits it again
    claims.expires_at = unix_now() + kVerificationLifetime.count();
    std::optional<std::string> token = crypto::mint_verification_token(r.verification_key, std::move(claims));
    if (!token) {
      co_return Problem::make(ProblemCode::kInternalError, "could not sign the verification id");
    }
    answer.verification_id = std::move(*token);
    answer.verification = pending;
    answer.status = 202;
  }
  co_return answer;
}

awaitable<Result<ProfileAnswer>> ProfileService::complete_verification(const ProfileRequest& r,
                                                                       std::string_view verification_id,
                                                                       std::string_view code) {
  const Adapter& adapter = *r.tenant->adapter;
  const CallContext ctx = context_for(r);
  // Forged, expired or foreign ids end here, before any upstream call.
  crypto::VerifyResult verified = crypto::verify_verification_token(r.verification_key, verification_id,
                                                                     r.tenant->id, r.customer_token, unix_now());
  if (const auto* error = std::get_if<crypto::VerificationError>(&verified)) {
    co_return Problem::field(ProblemCode::kInvalidVerificationCode, "verification_id",
                             std::string(crypto::to_string(*error)),
                             "the verification id is invalid, expired or belongs to another customer");
  }
  const auto& claims = std::get<crypto::VerificationClaims>(verified);
  VerificationClaim claim;
  claim.type = claims.type;
  claim.value = claims.value;
  Result<UpstreamRequest> request = adapter.verify_request(ctx, claim, code);
  if (!request.ok()) co_return std::move(request).problem();
  Result<UpstreamResponse> response = co_await send(r, request.value());
  if (!response.ok()) co_return std::move(response).problem();
  if (std::optional<Problem> bad = adapter.parse_verify(ctx, response.value())) co_return std::move(*bad);
  co_return co_await read(r);
}

}  // namespace profilegw::core
