//! Scholarships (beasiswa) for up to two children: amounts, schedules, termination rules.
