"""The appraisal forms of the synthetic corpus vary as the bureaus' forms do: some carry the
applicant's handwritten signatures in 个人总结 and 本人意见, other people's handwritten signatures
(主管领导, 单位负责人), the employer's seal and the 主管部门's printed name and seal."""

from testkit.corpus import make_page


def test_bureau_forms_carry_other_peoples_signatures_and_the_reviewers_seal():
    pages = [make_page(0, i, doc_type="appraisal", clean=True) for i in range(6)]
    others_signing = [t for p in pages for t in p.items("other", "name") if "signature" in t.tags]
    assert others_signing
    reviewed = [p for p in pages if p.items("other", "seal") and p.items("other", "org")]
    assert reviewed
    for p in reviewed:    # the reviewer's seal stands over its printed name, not the applicant's
        seal = p.items("other", "seal")[0].bbox
        orgs = p.items("other", "org")
        assert any(o.bbox[0] < seal[2] and seal[0] < o.bbox[2] and o.bbox[1] < seal[3] and seal[1] < o.bbox[3]
                   for o in orgs)
    own_signatures = [t for p in pages for t in p.items("applicant", "name") if "signature" in t.tags]
    assert len(own_signatures) >= len(pages)
