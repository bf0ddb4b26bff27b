"""A gRPC server the Resonance CLI did not come with: grpcio + grpcio-reflection serving
`kitchen.v1.Kitchen` (cli_fixture/kitchen.proto, compiled at start with grpc_tools).

Run: python3 kitchen_server.py  → prints `kitchen listening on 127.0.0.1:PORT`, serves until killed.
"""

import importlib
import pathlib
import sys
import tempfile
import time
from concurrent import futures

import grpc
from google.protobuf import duration_pb2

FIXTURE = pathlib.Path(__file__).resolve().parent / "cli_fixture"
sys.path.insert(0, str(FIXTURE.parents[2] / "clients" / "python" / "src"))

from google.rpc import error_details_pb2, status_pb2  # noqa: E402  (after the path insert)
from grpc_reflection.v1alpha import reflection  # noqa: E402
from grpc_tools import protoc  # noqa: E402


def compile_kitchen():
    """Generates kitchen_pb2 / kitchen_pb2_grpc into a temporary directory and imports them."""
    out = tempfile.mkdtemp(prefix="kitchen-stubs-")
    include = pathlib.Path(protoc.__file__).resolve().parent / "_proto"
    code = protoc.main([
        "protoc", f"-I{FIXTURE}", f"-I{include}", f"--python_out={out}", f"--grpc_python_out={out}",
        str(FIXTURE / "kitchen.proto"),
    ])
    if code != 0:
        raise RuntimeError(f"protoc failed with {code}")
    sys.path.insert(0, out)
    return importlib.import_module("kitchen_pb2"), importlib.import_module("kitchen_pb2_grpc")


def serve():
    pb2, pb2_grpc = compile_kitchen()

    class Kitchen(pb2_grpc.KitchenServicer):
        def Echo(self, request, context):
            return request

        def Count(self, request, context):
            for index in range(request.count):
                if index and request.interval_ms:
                    time.sleep(request.interval_ms / 1000)
                yield pb2.CountReply(index=index, label=f"#{index}")

        def Sum(self, request_iterator, context):
            total = pb2.Total()
            for number in request_iterator:
                total.sum += number.value
                total.count += 1
            return total

        def Shout(self, request_iterator, context):
            for line in request_iterator:
                yield pb2.Line(text=line.text.upper())

        def Fail(self, request, context):
            code = next(c for c in grpc.StatusCode if c.value[0] == request.code)
            status = status_pb2.Status(code=request.code, message=request.message)
            bad = error_details_pb2.BadRequest()
            bad.field_violations.add(field="message", description="was asked to fail")
            status.details.add().Pack(bad)
            retry = error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=2, nanos=500000000))
            status.details.add().Pack(retry)
            status.details.add().Pack(pb2.Line(text="a detail only this server's schema describes"))
            context.set_trailing_metadata([("grpc-status-details-bin", status.SerializeToString())])
            context.abort(code, request.message)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    pb2_grpc.add_KitchenServicer_to_server(Kitchen(), server)
    names = (pb2.DESCRIPTOR.services_by_name["Kitchen"].full_name, reflection.SERVICE_NAME)
    reflection.enable_server_reflection(names, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"kitchen listening on 127.0.0.1:{port}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    serve()
