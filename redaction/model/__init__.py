"""Data the core passes around: regions and their kinds, review results, the applicant's profile."""
