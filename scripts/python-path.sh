# Sourced by the scripts: puts the Python tools (buf, grpcurl, pytest) on PATH even when the
# interpreter's script folder is not there already.
PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
export PATH
