"""Imports every context's models so that SQLModel's metadata and the event registry are whole.

Alembic, the relay and the test fixtures import this one module instead of listing contexts.
"""

from jobhub.auth import models as auth_models
from jobhub.billing import models as billing_models
from jobhub.companies import models as companies_models
from jobhub.jobs import application_models as jobs_application_models
from jobhub.jobs import models as jobs_models
from jobhub.messaging import models as messaging_models
from jobhub.notifications import models as notifications_models
from jobhub.profiles import models as profiles_models

ALL_MODEL_MODULES = (
    auth_models,
    profiles_models,
    jobs_models,
    jobs_application_models,
    companies_models,
    messaging_models,
    notifications_models,
    billing_models,
)
