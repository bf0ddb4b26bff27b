// Signs in anonymously, goes live and lists who is nearby, through the generated grpc++
// stubs (clients/cpp/generated, from proto/ by scripts/generate).
// Usage: nearby HOST:PORT [LATITUDE LONGITUDE [NAME]]
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "resonance/v1/accounts.grpc.pb.h"
#include "resonance/v1/discovery.grpc.pb.h"
#include "resonance/v1/presence.grpc.pb.h"

namespace {

namespace v1 = resonance::v1;

constexpr auto kCallTimeout = std::chrono::seconds(10);

const char* StatusCodeName(grpc::StatusCode code) {
  static const char* const kNames[] = {
      "OK",           "CANCELLED",          "UNKNOWN",        "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
      "NOT_FOUND",    "ALREADY_EXISTS",     "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION", "ABORTED",     "OUT_OF_RANGE",   "UNIMPLEMENTED",    "INTERNAL",
      "UNAVAILABLE",  "DATA_LOSS",          "UNAUTHENTICATED"};
  int index = static_cast<int>(code);
  return index >= 0 && index < 17 ? kNames[index] : "UNKNOWN_CODE";
}

// Prints a failed call's status and its google.rpc.BadRequest field violations.
void Report(const char* call, const grpc::Status& status) {
  std::cerr << call << " failed: " << StatusCodeName(status.error_code()) << ": " << status.error_message()
            << "\n";
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return;
  for (const auto& detail : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      std::cerr << "  " << violation.field() << ": " << violation.description() << "\n";
    }
  }
}

// One channel and the session token every call after sign-in carries.
class Session {
 public:
  explicit Session(const std::string& address)
      : channel_(grpc::CreateChannel(address, grpc::InsecureChannelCredentials())),
        accounts_(v1::Accounts::NewStub(channel_)),
        presence_(v1::Presence::NewStub(channel_)),
        discovery_(v1::Discovery::NewStub(channel_)) {}

  // Each call gets a deadline and, once signed in, `authorization: Bearer <token>`.
  void Prepare(grpc::ClientContext& context) const {
    context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    if (!token_.empty()) context.AddMetadata("authorization", "Bearer " + token_);
  }

  grpc::Status SignInAnonymously(const std::string& name, v1::SignInAnonymouslyResponse* response) {
    grpc::ClientContext context;
    Prepare(context);
    v1::SignInAnonymouslyRequest request;
    request.set_display_name(name);
    grpc::Status status = accounts_->SignInAnonymously(&context, request, response);
    if (status.ok()) token_ = response->session().token();
    return status;
  }

  grpc::Status GoLive(double latitude, double longitude, v1::GoLiveResponse* response) {
    grpc::ClientContext context;
    Prepare(context);
    v1::GoLiveRequest request;
    request.mutable_location()->set_latitude(latitude);
    request.mutable_location()->set_longitude(longitude);
    request.set_accuracy_m(10);
    return presence_->GoLive(&context, request, response);
  }

  grpc::Status ListNearby(v1::ListNearbyResponse* response) {
    grpc::ClientContext context;
    Prepare(context);
    return discovery_->ListNearby(&context, v1::ListNearbyRequest(), response);
  }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Accounts::Stub> accounts_;
  std::unique_ptr<v1::Presence::Stub> presence_;
  std::unique_ptr<v1::Discovery::Stub> discovery_;
  std::string token_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4 && argc != 5) {
    std::cerr << "usage: " << argv[0] << " HOST:PORT [LATITUDE LONGITUDE [NAME]]\n";
    return 2;
  }
  const double latitude = argc >= 4 ? std::strtod(argv[2], nullptr) : 52.52;
  const double longitude = argc >= 4 ? std::strtod(argv[3], nullptr) : 13.405;
  const std::string name = argc == 5 ? argv[4] : "C++ example";

  Session session(argv[1]);
  v1::SignInAnonymouslyResponse signed_in;
  if (grpc::Status status = session.SignInAnonymously(name, &signed_in); !status.ok()) {
    Report("SignInAnonymously", status);
    return 1;
  }
  std::cout << "signed in as " << signed_in.session().user_id() << " (" << signed_in.profile().display_name()
            << ")\n";

  v1::GoLiveResponse live;
  if (grpc::Status status = session.GoLive(latitude, longitude, &live); !status.ok()) {
    Report("GoLive", status);
    return 1;
  }
  std::cout << "live at " << latitude << "," << longitude << " within " << live.status().radius_km() << " km\n";

  v1::ListNearbyResponse nearby;
  if (grpc::Status status = session.ListNearby(&nearby); !status.ok()) {
    Report("ListNearby", status);
    return 1;
  }
  std::cout << nearby.users_size() << " nearby\n";
  for (const auto& user : nearby.users()) {
    std::cout << "- " << user.user().user_id() << " " << user.user().display_name() << " ~"
              << user.distance().approx_meters() << " m";
    if (user.has_current_track()) std::cout << " playing " << user.current_track().track_name();
    std::cout << "\n";
  }
  return 0;
}
