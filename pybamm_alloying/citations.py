"""BibTeX entries for the ideas this package implements, registered with PyBaMM."""

import pybamm

CITATIONS = {
    "Zhao2012": """@article{Zhao2012,
  author = {Zhao, Kejie and Pharr, Matt and Wan, Qiang and Wang, Wei L. and Kaxiras, Efthimios and Vlassak, Joost J. and Suo, Zhigang},
  title = {Concurrent Reaction and Plasticity during Initial Lithiation of Crystalline Silicon in Lithium-Ion Batteries},
  journal = {Journal of The Electrochemical Society}, volume = {159}, number = {3}, pages = {A238--A243}, year = {2012},
  doi = {10.1149/2.020203jes}}""",
    "Pharr2012": """@article{Pharr2012,
  author = {Pharr, Matt and Zhao, Kejie and Wang, Xinwei and Suo, Zhigang and Vlassak, Joost J.},
  title = {Kinetics of Initial Lithiation of Crystalline Silicon Electrodes of Lithium-Ion Batteries},
  journal = {Nano Letters}, volume = {12}, number = {9}, pages = {5039--5047}, year = {2012},
  doi = {10.1021/nl302841y}}""",
    "Crank1984": """@book{Crank1984,
  author = {Crank, John}, title = {Free and Moving Boundary Problems},
  publisher = {Clarendon Press, Oxford}, year = {1984}, isbn = {0198533578}}""",
    "Levenspiel1999": """@book{Levenspiel1999,
  author = {Levenspiel, Octave}, title = {Chemical Reaction Engineering}, edition = {3},
  publisher = {John Wiley \\& Sons}, year = {1999}, isbn = {047125424X}}""",
    "Landau1950": """@article{Landau1950,
  author = {Landau, H. G.}, title = {Heat conduction in a melting solid},
  journal = {Quarterly of Applied Mathematics}, volume = {8}, number = {1}, pages = {81--94}, year = {1950},
  doi = {10.1090/qam/33441}}""",
    "ObrovacChristensen2004": """@article{ObrovacChristensen2004,
  author = {Obrovac, M. N. and Christensen, L.},
  title = {Structural Changes in Silicon Anodes during Lithium Insertion/Extraction},
  journal = {Electrochemical and Solid-State Letters}, volume = {7}, number = {5}, pages = {A93--A96}, year = {2004},
  doi = {10.1149/1.1652421}}""",
    "Verbrugge2016": """@article{Verbrugge2016,
  author = {Verbrugge, Mark and Baker, Daniel R. and Xiao, Xingcheng},
  title = {Formulation for the Treatment of Multiple Electrochemical Reactions and Associated Speciation for the Lithium-Silicon Electrode},
  journal = {Journal of The Electrochemical Society}, volume = {163}, number = {2}, pages = {A262--A271}, year = {2016},
  doi = {10.1149/2.0581602jes}}""",
    "Chon2011": """@article{Chon2011,
  author = {Chon, M. J. and Sethuraman, V. A. and McCormick, A. and Srinivasan, V. and Guduru, P. R.},
  title = {Real-Time Measurement of Stress and Damage Evolution during Initial Lithiation of Crystalline Silicon},
  journal = {Physical Review Letters}, volume = {107}, number = {4}, pages = {045503}, year = {2011},
  doi = {10.1103/PhysRevLett.107.045503}}""",
    "Sethuraman2010": """@article{Sethuraman2010,
  author = {Sethuraman, Vijay A. and Chon, Michael J. and Shimshak, Maxwell and Srinivasan, Venkat and Guduru, Pradeep R.},
  title = {In situ measurements of stress evolution in silicon thin films during electrochemical lithiation and delithiation},
  journal = {Journal of Power Sources}, volume = {195}, number = {15}, pages = {5062--5066}, year = {2010},
  doi = {10.1016/j.jpowsour.2010.02.013}}""",
    "SethuramanModulus2010": """@article{SethuramanModulus2010,
  author = {Sethuraman, Vijay A. and Chon, Michael J. and Shimshak, Maxwell and Van Winkle, Nicholas and Guduru, Pradeep R.},
  title = {In situ measurement of biaxial modulus of Si anode for Li-ion batteries},
  journal = {Electrochemistry Communications}, volume = {12}, number = {11}, pages = {1614--1617}, year = {2010},
  doi = {10.1016/j.elecom.2010.09.008}}""",
    "Liu2012": """@article{Liu2012,
  author = {Liu, Xiao Hua and Zhong, Li and Huang, Shan and Mao, Scott X. and Zhu, Ting and Huang, Jian Yu},
  title = {Size-Dependent Fracture of Silicon Nanoparticles During Lithiation},
  journal = {ACS Nano}, volume = {6}, number = {2}, pages = {1522--1531}, year = {2012},
  doi = {10.1021/nn204476h}}""",
}


def register(*keys: str) -> None:
    """Register the named entries of :data:`CITATIONS` with :mod:`pybamm.citations`."""
    for key in keys:
        pybamm.citations.register(CITATIONS[key])
