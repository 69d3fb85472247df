#include "http/client.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/execution/context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/query.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <cstdint>
#include <unordered_map>

#include "http/shutdown_registry.hpp"
#include "http/socket_watch.hpp"
#include "http/transfer.hpp"

namespace ei::http {

namespace asio = boost::asio;
using detail::SocketWatch;
using detail::Transfer;

namespace {

void global_init() {
  // Thread-safe since curl 7.84; done once, never cleaned up (other users may remain).
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    throw core::Error(std::string("libcurl initialisation failed: ") + curl_easy_strerror(code));
  }
}

std::exception_ptr aborted() {
  return std::make_exception_ptr(boost::system::system_error(asio::error::operation_aborted));
}

// Completions are always posted, never run inline: the caller's coroutine may start new
// requests or destroy the Client, which must not happen inside curl or our loops.
void complete(const asio::any_io_executor& fallback, Transfer::Completion completion,
              std::exception_ptr error, Response response) {
  auto executor = asio::get_associated_executor(completion, fallback);
  asio::post(fallback, asio::bind_executor(executor, [completion = std::move(completion), error,
                                                      response = std::move(response)]() mutable {
               std::move(completion)(error, std::move(response));
             }));
}

struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

}  // namespace

// The curl multi handle and its Asio plumbing. curl calls on_socket/on_timer to say what
// to wait for; Asio waits and calls curl_multi_socket_action back. Asio handlers hold a
// weak_ptr, so those still queued when the Client is gone do nothing.
class Client::Impl : public std::enable_shared_from_this<Impl>, public detail::ShutdownListener {
 public:
  Impl(asio::any_io_executor executor, ClientOptions options);
  ~Impl() override;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void start(Transfer::Completion completion, Request request);
  const ClientOptions& options() const { return options_; }
  std::size_t in_flight() const { return transfers_.size(); }
  // Called once the Impl is owned by a shared_ptr.
  void register_for_shutdown() { registry_->add(shared_from_this()); }
  void on_shutdown() override;

 private:
  static int on_socket(CURL* easy, curl_socket_t fd, int what, void* self, void* socket_data);
  static int on_timer(CURLM* multi, long timeout_ms, void* self);
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);
  static int on_close_socket(void* self, curl_socket_t fd);

  int watch(curl_socket_t fd, int what);
  void unwatch(curl_socket_t fd);
  void arm(const std::shared_ptr<SocketWatch>& watch);
  void on_ready(const std::shared_ptr<SocketWatch>& watch, int event,
                boost::system::error_code error);
  void act(curl_socket_t fd, int events);
  void reap();
  void finish(std::uint64_t id, std::exception_ptr error, Response response, bool canceling);

  asio::any_io_executor executor_;
  ClientOptions options_;
  std::unique_ptr<CURLM, MultiDeleter> multi_;
  asio::steady_timer timer_;
  detail::ShutdownRegistry* registry_;
  std::unordered_map<curl_socket_t, std::shared_ptr<SocketWatch>> watches_;
  // Keyed by a never-reused id, so a late cancellation cannot hit a newer request.
  std::unordered_map<std::uint64_t, std::unique_ptr<Transfer>> transfers_;
  std::uint64_t next_id_ = 1;
  bool closing_ = false;
};

Client::Impl::Impl(asio::any_io_executor executor, ClientOptions options)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      timer_(executor_),
      // After timer_: services shut down newest first, ours before the reactor's.
      registry_(&asio::use_service<detail::ShutdownRegistry>(
          asio::query(executor_, asio::execution::context))) {
  if (options_.ca_file && options_.ca_pem) {
    throw core::Error("HTTP client options: set ca_file or ca_pem, not both");
  }
  if (options_.max_connections_per_host < 0) {
    throw core::Error("HTTP client options: max_connections_per_host must be >= 0 (0: no limit)");
  }
  global_init();
  multi_.reset(curl_multi_init());
  if (!multi_) throw core::Error("HTTP client: curl_multi_init failed");
  CURLM* multi = multi_.get();
  curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
  curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
  curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(options_.max_connections_per_host));
}

Client::Impl::~Impl() {
  registry_->remove(this);
  closing_ = true;
  auto transfers = std::move(transfers_);
  transfers_.clear();
  for (auto& [id, transfer] : transfers) {
    curl_multi_remove_handle(multi_.get(), transfer->easy());
    // The completion owns the awaiting coroutine, hence its signal: the slot is valid.
    if (transfer->slot.is_connected()) transfer->slot.clear();
    complete(executor_, std::move(*transfer->completion), aborted(), {});
  }
  transfers.clear();
  multi_.reset();  // closes idle connections through on_close_socket
  for (auto& [fd, watch] : watches_) watch->forget();
  watches_.clear();
  timer_.cancel();
}

void Client::Impl::on_shutdown() {
  auto transfers = std::move(transfers_);
  transfers_.clear();
  for (auto& [id, transfer] : transfers) curl_multi_remove_handle(multi_.get(), transfer->easy());
  // Destroys the completions without invoking them; that may destroy the awaiting
  // coroutines and the Client with them (the registry keeps this Impl alive meanwhile).
  transfers.clear();
}

void Client::Impl::start(Transfer::Completion completion, Request request) {
  const std::uint64_t id = next_id_++;
  std::unique_ptr<Transfer> transfer;
  try {
    transfer = std::make_unique<Transfer>(id, std::move(request), options_);
    CURL* easy = transfer->easy();
    // Every socket of this multi handle is opened and closed through us, so a watched
    // descriptor is released before curl closes it and fd reuse is noticed.
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &Impl::on_open_socket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &Impl::on_close_socket);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
  } catch (...) {
    complete(executor_, std::move(completion), std::current_exception(), {});
    return;
  }
  auto slot = asio::get_associated_cancellation_slot(completion);
  transfer->completion.emplace(std::move(completion));
  CURL* easy = transfer->easy();
  Transfer& started = *transfer;
  transfers_.emplace(id, std::move(transfer));
  if (CURLMcode code = curl_multi_add_handle(multi_.get(), easy); code != CURLM_OK) {
    finish(id,
           std::make_exception_ptr(
               TransportError(started.describe() + " failed: " + curl_multi_strerror(code), false)),
           {}, false);
    return;
  }
  if (slot.is_connected()) {
    started.slot = slot;
    // Any cancellation type aborts: nothing of a half-sent request is worth keeping.
    slot.assign([weak = weak_from_this(), id](asio::cancellation_type) {
      if (auto self = weak.lock()) self->finish(id, aborted(), {}, true);
    });
  }
}

void Client::Impl::finish(std::uint64_t id, std::exception_ptr error, Response response,
                          bool canceling) {
  auto node = transfers_.extract(id);
  if (node.empty()) return;  // already completed
  std::unique_ptr<Transfer> transfer = std::move(node.mapped());
  curl_multi_remove_handle(multi_.get(), transfer->easy());
  // Inside the slot's own handler clearing it would destroy the running handler.
  if (!canceling && transfer->slot.is_connected()) transfer->slot.clear();
  Transfer::Completion completion = std::move(*transfer->completion);
  transfer.reset();
  complete(executor_, std::move(completion), error, std::move(response));
}

void Client::Impl::reap() {
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_.get(), &left)) {
    if (message->msg != CURLMSG_DONE) continue;
    // Copy before finish(): removing the handle invalidates the message.
    const CURLcode code = message->data.result;
    Transfer* transfer = Transfer::from(message->easy_handle);
    if (code == CURLE_OK) {
      finish(transfer->id(), nullptr, transfer->take_response(), false);
    } else {
      finish(transfer->id(), transfer->error(code), {}, false);
    }
  }
}

void Client::Impl::act(curl_socket_t fd, int events) {
  int running = 0;
  curl_multi_socket_action(multi_.get(), fd, events, &running);
  reap();
}

int Client::Impl::on_socket(CURL*, curl_socket_t fd, int what, void* self, void*) {
  return static_cast<Impl*>(self)->watch(fd, what);
}

int Client::Impl::watch(curl_socket_t fd, int what) {
  if (what == CURL_POLL_REMOVE) {
    unwatch(fd);
    return 0;
  }
  if (closing_) return 0;
  auto& watch = watches_[fd];
  if (!watch) {
    try {
      watch = std::make_shared<SocketWatch>(executor_, fd);
    } catch (const boost::system::system_error&) {
      watches_.erase(fd);
      return -1;  // curl fails the transfer instead of waiting forever
    }
  }
  watch->wanted = what & CURL_POLL_INOUT;
  arm(watch);
  return 0;
}

void Client::Impl::unwatch(curl_socket_t fd) {
  auto it = watches_.find(fd);
  if (it == watches_.end()) return;
  it->second->forget();
  watches_.erase(it);
}

void Client::Impl::arm(const std::shared_ptr<SocketWatch>& watch) {
  using Descriptor = asio::posix::stream_descriptor;
  if ((watch->wanted & CURL_POLL_IN) && !watch->reading) {
    watch->reading = true;
    watch->descriptor.async_wait(Descriptor::wait_read,
                                 [weak = weak_from_this(), watch](boost::system::error_code ec) {
                                   watch->reading = false;
                                   if (auto self = weak.lock())
                                     self->on_ready(watch, CURL_CSELECT_IN, ec);
                                 });
  }
  if ((watch->wanted & CURL_POLL_OUT) && !watch->writing) {
    watch->writing = true;
    watch->descriptor.async_wait(Descriptor::wait_write,
                                 [weak = weak_from_this(), watch](boost::system::error_code ec) {
                                   watch->writing = false;
                                   if (auto self = weak.lock())
                                     self->on_ready(watch, CURL_CSELECT_OUT, ec);
                                 });
  }
}

void Client::Impl::on_ready(const std::shared_ptr<SocketWatch>& watch, int event,
                            boost::system::error_code error) {
  if (error == asio::error::operation_aborted || watch->closed) return;
  const int wanted = event == CURL_CSELECT_IN ? CURL_POLL_IN : CURL_POLL_OUT;
  if ((watch->wanted & wanted) == 0) return;  // curl changed its mind meanwhile
  act(watch->fd, error ? CURL_CSELECT_ERR : event);
  // Waits are one-shot: wait again while curl still wants this socket. After an error
  // curl either closes the socket or its timeout fires; re-arming would spin.
  if (!error && !watch->closed) arm(watch);
}

int Client::Impl::on_timer(CURLM*, long timeout_ms, void* self_pointer) {
  auto* self = static_cast<Impl*>(self_pointer);
  if (self->closing_) return 0;
  if (timeout_ms < 0) {
    self->timer_.cancel();
    return 0;
  }
  // Even a 0 ms timeout goes through the timer: curl must not be re-entered from here.
  self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
  self->timer_.async_wait([weak = self->weak_from_this()](boost::system::error_code ec) {
    if (ec) return;
    if (auto impl = weak.lock()) impl->act(CURL_SOCKET_TIMEOUT, 0);
  });
  return 0;
}

curl_socket_t Client::Impl::on_open_socket(void* self_pointer, curlsocktype,
                                           curl_sockaddr* address) {
  auto* self = static_cast<Impl*>(self_pointer);
  curl_socket_t fd = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (fd == CURL_SOCKET_BAD) return fd;
  // curl closes some descriptors (the threaded resolver's socketpair) without telling us
  // first. If the number comes back here, the old registration died with the old file:
  // register the new socket afresh with the interest curl believes it already has.
  if (auto it = self->watches_.find(fd); it != self->watches_.end()) {
    const int wanted = it->second->wanted;
    self->unwatch(fd);
    if (wanted != 0) self->watch(fd, wanted);
  }
  return fd;
}

int Client::Impl::on_close_socket(void* self, curl_socket_t fd) {
  // Deregister from epoll before the number can be reused.
  static_cast<Impl*>(self)->unwatch(fd);
  return ::close(fd);
}

Client::Client(asio::any_io_executor executor, ClientOptions options)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(options))) {
  impl_->register_for_shutdown();
}

Client::~Client() = default;

asio::awaitable<Response> Client::send(Request request) {
  co_return co_await async_send(std::move(request), asio::use_awaitable);
}

void Client::start(asio::any_completion_handler<Signature> handler, Request request) {
  impl_->start(std::move(handler), std::move(request));
}

const ClientOptions& Client::options() const {
  return impl_->options();
}

std::size_t Client::in_flight() const {
  return impl_->in_flight();
}

}  // namespace ei::http
