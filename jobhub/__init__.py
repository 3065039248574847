"""JobHub: a job platform for seekers, employers and admins."""
