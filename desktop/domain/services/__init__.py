"""Service requests (permohonan layanan), in four parts:

* ``catalogue``: the services as data (fields, documents, template, klasifikasi, SLA) and the
  checks of a request against them;
* ``intake``: a new request at the counter (tracking code, due date, first event), corrections;
* ``workflow``: the status events, forwarding to another office, registers and counters;
* ``certificate``: who signs, issuing the certificate as an outgoing letter, its verification
  code (the QR), and what printing needs;

plus ``common`` (statuses, vocabularies, small helpers), ``residence`` (a certificate stating residence
here for an address in another distrik) and ``import_export`` (files in and out).

Callers use the package as one module (``from desktop.domain import services; services.advance``):
every public name of the parts is re-exported here. No Qt here.
"""

from .catalogue import *  # noqa: F403
from .certificate import *  # noqa: F403
from .common import *  # noqa: F403
from .import_export import *  # noqa: F403
from .intake import *  # noqa: F403
from .residence import *  # noqa: F403
from .workflow import *  # noqa: F403
